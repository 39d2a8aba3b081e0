namespace EvoPrune.Data.Synthetic;

/// <summary>How latent coordinates z of the synthetic manifold are drawn.</summary>
public enum LatentDistribution
{
    /// <summary>Each coordinate uniform in [-1, 1]: z lies in a d-cube.</summary>
    Uniform,

    /// <summary>z ~ N(0, I_d).</summary>
    Gaussian,
}
