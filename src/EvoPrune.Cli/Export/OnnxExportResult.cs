namespace EvoPrune.Cli.Export;

/// <summary>
/// What an ONNX export wrote and measured: the file, the test accuracy of the graph itself in ONNX Runtime on the run's
/// test split, the weights it keeps and the sparsity, and readable lines to print before the final one.
/// </summary>
internal sealed record OnnxExportResult(string Path, double TestAccuracy, long KeptWeights, double Sparsity, IReadOnlyList<string> Notes)
{
    /// <summary>The plain last line scripts read.</summary>
    public string LastLine => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"onnx={Path} test_accuracy={TestAccuracy:F4} kept_weights={KeptWeights} sparsity={Sparsity:F4}");
}
