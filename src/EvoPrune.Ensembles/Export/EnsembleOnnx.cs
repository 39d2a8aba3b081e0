using EvoPrune.Data.Normalization;
using EvoPrune.Ensembles.Fusion;
using EvoPrune.Learning.Onnx;
using Onnx;

namespace EvoPrune.Ensembles.Export;

/// <summary>
/// An ensemble of MLP members as one ONNX graph: the features go through the normalisations in order (the data
/// spec's, then the pool's per-feature standardisation), each member's layers and softmax, then the fusion rule.
/// Weighted average: <c>probabilities</c> = Σ wₘ·pₘ / Σ wₘ. Majority vote: each member's argmax becomes a one-hot
/// vote; score = votes·(M + 1) + Σ pₘ, so the plurality wins and a tie goes to the larger summed probability, then the
/// lower class (ArgMax's first maximum), exactly <see cref="FusionRule.MajorityVote"/>; <c>probabilities</c> is the
/// score divided by its row sum M·(M + 2), so its argmax is the fused label.
/// </summary>
public static class EnsembleOnnx
{
    public static ModelProto ToModel(IReadOnlyList<NetworkWeights> members, IReadOnlyList<double> weights, FusionRule rule, IReadOnlyList<NormalizationStats> normalizations, IReadOnlyDictionary<string, string> metadata)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(normalizations);
        if (members.Count == 0 || weights.Count != members.Count)
        {
            throw new ArgumentException($"An ensemble needs at least one member and one weight per member (got {members.Count} members, {weights.Count} weights).", nameof(members));
        }

        var width = members[0].Input.Size;
        var classes = members[0].Classes;
        var graph = new OnnxGraphBuilder("ensemble");
        var x = graph.Input(NetworkOnnx.InputName, width);
        foreach (var normalization in normalizations)
        {
            x = NetworkOnnx.Normalize(graph, x, normalization, width);
        }

        var probabilities = members.Select(m => graph.Node("Softmax", [NetworkOnnx.EmitLayers(graph, m, x)], null, ("axis", 1L))).ToArray();
        string fused;
        if (rule == FusionRule.WeightedAverage)
        {
            var total = weights.Sum();
            var terms = probabilities.Select((p, i) => graph.Node("Mul", [p, graph.Scalar("weight", (float)(weights[i] / total))])).ToArray();
            fused = Sum(graph, terms);
        }
        else
        {
            var m = members.Count;
            var depth = graph.Int64s("depth", classes);
            var offOn = graph.Constant("off_on", [0f, 1f], 2);
            var votes = probabilities.Select(p => graph.Node("OneHot", [graph.Node("ArgMax", [p], null, ("axis", 1L), ("keepdims", 0L)), depth, offOn], null, ("axis", -1L))).ToArray();
            var score = graph.Node("Add", [graph.Node("Mul", [Sum(graph, votes), graph.Scalar("m_plus_1", m + 1)]), Sum(graph, probabilities)]);
            fused = graph.Node("Div", [score, graph.Scalar("row_sum", m * (m + 2))]);
        }

        graph.Output(fused, NetworkOnnx.ProbabilitiesName, classes);
        return graph.Build(metadata, $"ensemble of {members.Count} MLPs, {rule}");
    }

    private static string Sum(OnnxGraphBuilder graph, string[] terms) => terms.Length == 1 ? graph.Node("Identity", [terms[0]]) : graph.Node("Sum", terms);
}
