namespace EvoPrune.Data.Normalization;

/// <summary>How features are standardised (always with statistics of the training split only).</summary>
public enum NormalizationMode
{
    /// <summary>Features are left as read (pixels in [0, 1], table values raw).</summary>
    None,

    /// <summary>Each feature gets its own mean and standard deviation (usual for tables).</summary>
    PerFeature,

    /// <summary>One mean and standard deviation over all values (usual for images: keeps pixel contrast).</summary>
    Global,

    /// <summary><see cref="Global"/> for sets with an image shape, <see cref="PerFeature"/> otherwise.</summary>
    Auto,
}
