namespace EvoPrune.Evolution.Genomes;

/// <summary>The positional gene moves shared by every linear genome.</summary>
internal static class GeneArrays
{
    public static T[] Recombine<T>(ReadOnlySpan<T> self, ReadOnlySpan<T> other, ReadOnlySpan<bool> takeFromOther)
    {
        if (takeFromOther.Length != self.Length)
        {
            throw new ArgumentException(
                $"The source flags have {takeFromOther.Length} entries but the genome has {self.Length} genes.",
                nameof(takeFromOther));
        }

        var child = new T[self.Length];
        for (var i = 0; i < child.Length; i++)
        {
            child[i] = takeFromOther[i] ? other[i] : self[i];
        }

        return child;
    }

    public static T[] Permute<T>(ReadOnlySpan<T> genes, ReadOnlySpan<int> sourceIndices)
    {
        if (sourceIndices.Length != genes.Length)
        {
            throw new ArgumentException(
                $"The permutation has {sourceIndices.Length} entries but the genome has {genes.Length} genes.",
                nameof(sourceIndices));
        }

        var seen = new bool[genes.Length];
        var child = new T[genes.Length];
        for (var i = 0; i < child.Length; i++)
        {
            var source = sourceIndices[i];
            if ((uint)source >= (uint)genes.Length || seen[source])
            {
                throw new ArgumentException(
                    $"Entry {i} ({source}) is out of range or repeated; the indices must be a permutation of 0..{genes.Length - 1}.",
                    nameof(sourceIndices));
            }

            seen[source] = true;
            child[i] = genes[source];
        }

        return child;
    }
}
