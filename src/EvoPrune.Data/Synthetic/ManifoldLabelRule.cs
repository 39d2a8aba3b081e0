namespace EvoPrune.Data.Synthetic;

/// <summary>
/// How the class of a point is decided from its latent coordinates z. Either way the class is
/// argmax_k (s_k(z) + c_k), with the offsets c_k calibrated on a seeded sample so classes are roughly balanced.
/// </summary>
public enum ManifoldLabelRule
{
    /// <summary>s_k(z) = v_k . z with random v_k: piecewise-linear boundaries in latent space.</summary>
    Linear,

    /// <summary>s(z) = V tanh(U z + a): a small random one-hidden-layer teacher network, curved boundaries.</summary>
    Teacher,
}
