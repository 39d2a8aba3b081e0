namespace EvoPrune.Data.Synthetic;

/// <summary>The fixed random map from the d latent coordinates to the D ambient features.</summary>
public enum ManifoldEmbedding
{
    /// <summary>x = W z with W a random D x d Gaussian matrix (entries N(0, 1/d)): a d-dimensional subspace.</summary>
    Linear,

    /// <summary>
    /// x_j = sin(frequency * (w_j . z) + b_j), w_j ~ N(0, I/d), b_j ~ U[0, 2 pi): a smooth curved d-manifold
    /// inside [-1, 1]^D whose curvature grows with the frequency.
    /// </summary>
    Sine,
}
