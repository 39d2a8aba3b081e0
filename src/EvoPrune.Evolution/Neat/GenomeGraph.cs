namespace EvoPrune.Evolution.Neat;

/// <summary>Reachability over connection genes (enabled or not), for keeping feed-forward genomes acyclic.</summary>
internal static class GenomeGraph
{
    /// <summary>
    /// Whether adding <paramref name="source"/> → <paramref name="target"/> to <paramref name="connections"/> closes a
    /// cycle, i.e. whether <paramref name="source"/> is reachable from <paramref name="target"/>.
    /// Disabled genes count, so re-enabling a gene later can never create a cycle.
    /// </summary>
    public static bool CreatesCycle(IReadOnlyList<ConnectionGene> connections, int source, int target)
    {
        if (source == target)
        {
            return true;
        }

        var visited = new HashSet<int> { target };
        var stack = new Stack<int>();
        stack.Push(target);
        while (stack.Count > 0)
        {
            var node = stack.Pop();
            foreach (var c in connections)
            {
                if (c.Source != node)
                {
                    continue;
                }

                if (c.Target == source)
                {
                    return true;
                }

                if (visited.Add(c.Target))
                {
                    stack.Push(c.Target);
                }
            }
        }

        return false;
    }
}
