namespace EvoPrune.Learning.Pruning;

/// <summary>
/// Turns per-weight scores into keep masks that keep exactly the k highest-scoring weights. Ties (and NaN scores,
/// which rank lowest) are broken by position: the lower layer, then the lower index, is kept. Weights marked
/// ineligible (already pruned) are never kept.
/// </summary>
public static class TopKSelection
{
    /// <summary>The mask keeping the <paramref name="k"/> best of <paramref name="scores"/>.</summary>
    public static bool[] KeepTopK(IReadOnlyList<float> scores, long k, bool[]? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var masks = SelectGlobal([scores], k, eligible == null ? null : [eligible]);
        return masks[0];
    }

    /// <summary>Masks for a target: per-layer top-k or one global top-k, over the eligible weights only.</summary>
    public static bool[][] Select(IReadOnlyList<IReadOnlyList<float>> scores, PruningTarget target, IReadOnlyList<bool[]>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        ArgumentNullException.ThrowIfNull(target);
        var sizes = scores.Select(s => (long)s.Count).ToArray();
        target.Validate(sizes);
        if (target.Scope == PruningScope.Global)
        {
            return SelectGlobal(scores, target.KeptTotal(sizes), eligible);
        }

        var kept = target.KeptPerLayer(sizes);
        return scores.Select((s, i) => SelectGlobal([s], kept[i], eligible == null ? null : [eligible[i]])[0]).ToArray();
    }

    /// <summary>Masks keeping the <paramref name="k"/> best weights over all layers together.</summary>
    public static bool[][] SelectGlobal(IReadOnlyList<IReadOnlyList<float>> scores, long k, IReadOnlyList<bool[]>? eligible = null)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var candidates = new List<(float Score, int Layer, int Index)>();
        for (var layer = 0; layer < scores.Count; layer++)
        {
            var layerScores = scores[layer];
            for (var j = 0; j < layerScores.Count; j++)
            {
                if (eligible == null || eligible[layer][j])
                {
                    var score = layerScores[j];
                    candidates.Add((float.IsNaN(score) ? float.NegativeInfinity : score, layer, j));
                }
            }
        }

        if (k < 0 || k > candidates.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"Cannot keep {k} weights out of {candidates.Count} eligible.");
        }

        candidates.Sort(static (a, b) =>
        {
            var byScore = b.Score.CompareTo(a.Score);
            if (byScore != 0)
            {
                return byScore;
            }

            var byLayer = a.Layer.CompareTo(b.Layer);
            return byLayer != 0 ? byLayer : a.Index.CompareTo(b.Index);
        });

        var masks = scores.Select(s => new bool[s.Count]).ToArray();
        for (var i = 0; i < k; i++)
        {
            masks[candidates[i].Layer][candidates[i].Index] = true;
        }

        return masks;
    }
}
