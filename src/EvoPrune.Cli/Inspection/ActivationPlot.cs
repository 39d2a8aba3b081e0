using static TorchSharp.torch;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// The activation function chosen for each layer, drawn over [−3, 3] (ScottPlot, 800 × 500): one curve per layer,
/// labelled "layer: function". The functions are evaluated with the same TorchSharp code the networks train with.
/// </summary>
public static class ActivationPlot
{
    public const int Width = 800;
    public const int Height = 500;
    public const int Points = 241;

    /// <summary>The x values the curves are sampled at: −3 to 3 in steps of 0.025.</summary>
    public static double[] Xs() => [.. Enumerable.Range(0, Points).Select(i => -3.0 + (6.0 * i / (Points - 1)))];

    /// <summary>Samples <paramref name="function"/> at <see cref="Xs"/>.</summary>
    public static double[] Sample(Func<Tensor, Tensor> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        var x = tensor(Xs().Select(v => (float)v).ToArray());
        return [.. function(x).data<float>().ToArray().Select(v => (double)v)];
    }

    /// <summary>Writes the curves of <paramref name="layers"/> (label, function) to a PNG at <paramref name="path"/>.</summary>
    public static void Save(IReadOnlyList<(string Label, Func<Tensor, Tensor> Function)> layers, string path)
    {
        ArgumentNullException.ThrowIfNull(layers);
        var plot = new ScottPlot.Plot();
        var xs = Xs();
        foreach (var (label, function) in layers)
        {
            var ys = Sample(function).Select(y => double.IsFinite(y) ? y : double.NaN).ToArray();
            plot.Add.Scatter(xs, ys).LegendText = label;
        }

        plot.Title("Activation function per layer");
        plot.XLabel("x");
        plot.YLabel("f(x)");
        plot.ShowLegend();
        plot.SavePng(path, Width, Height);
    }
}
