namespace EvoPrune.Data.Catalog;

/// <summary>What sort of data a catalog entry holds.</summary>
public enum DatasetKind
{
    /// <summary>Images (rows carry an <see cref="ImageShape"/>): MNIST, Fashion-MNIST, KMNIST, USPS.</summary>
    Image,

    /// <summary>Numeric tables (the UCI sets).</summary>
    Table,

    /// <summary>Generated on demand (the manifold set); always available.</summary>
    Synthetic,
}
