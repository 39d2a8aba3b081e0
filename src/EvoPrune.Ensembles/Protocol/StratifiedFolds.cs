using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Ensembles.Protocol;

/// <summary>Stratified k-fold assignment: each class's indices are shuffled, then dealt to folds round-robin.</summary>
public static class StratifiedFolds
{
    /// <summary>The fold (0..k-1) of each sample. Each class continues the deal where the previous one stopped, so fold sizes differ by at most one.</summary>
    public static int[] Assign(IReadOnlyList<int> labels, int classCount, int folds, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = new int[labels.Count];
        var next = 0;
        for (var c = 0; c < classCount; c++)
        {
            var members = Enumerable.Range(0, labels.Count).Where(i => labels[i] == c).ToList();
            random.Shuffle(members);
            foreach (var i in members)
            {
                fold[i] = next;
                next = (next + 1) % folds;
            }
        }

        return fold;
    }
}
