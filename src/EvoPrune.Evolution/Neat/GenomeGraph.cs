using System.Buffers;

namespace EvoPrune.Evolution.Neat;

/// <summary>Reachability over connection genes (enabled or not), for keeping feed-forward genomes acyclic.</summary>
internal static class GenomeGraph
{
    /// <summary>
    /// Whether adding <paramref name="source"/> → <paramref name="target"/> to <paramref name="connections"/> closes a
    /// cycle, i.e. whether <paramref name="source"/> is reachable from <paramref name="target"/>.
    /// Disabled genes count, so re-enabling a gene later can never create a cycle.
    /// </summary>
    public static bool CreatesCycle(ReadOnlySpan<ConnectionGene> connections, int source, int target)
    {
        if (source == target)
        {
            return true;
        }

        // Every node pushed is the target of a distinct gene (or the start), so E + 1 slots suffice for both lists.
        var size = connections.Length + 1;
        var rented = ArrayPool<int>.Shared.Rent(2 * size);
        try
        {
            var visited = rented.AsSpan(0, size);
            var stack = rented.AsSpan(size, size);
            var visitedCount = 0;
            var stackCount = 0;
            visited[visitedCount++] = target;
            stack[stackCount++] = target;
            while (stackCount > 0)
            {
                var node = stack[--stackCount];
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

                    if (!visited[..visitedCount].Contains(c.Target))
                    {
                        visited[visitedCount++] = c.Target;
                        stack[stackCount++] = c.Target;
                    }
                }
            }

            return false;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(rented);
        }
    }
}
