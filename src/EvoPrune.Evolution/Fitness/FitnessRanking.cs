namespace EvoPrune.Evolution.Fitness;

/// <summary>Deterministic orderings of a fitness list.</summary>
internal static class FitnessRanking
{
    /// <summary>Indices ordered best first; equal fitness keeps index order, so the ranking never depends on the sort.</summary>
    public static int[] BestFirst(IReadOnlyList<FitnessInfo> fitness, FitnessComparer comparer)
    {
        var order = new int[fitness.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort(order, (a, b) =>
        {
            var byFitness = comparer.Compare(fitness[b], fitness[a]);
            return byFitness != 0 ? byFitness : a.CompareTo(b);
        });
        return order;
    }
}
