using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;
using EvoPrune.Learning.Models;

namespace EvoPrune.Cli.Kinds;

/// <summary>
/// What the CLI does with one genome kind's runs that the kind itself cannot (pictures, TorchSharp weights and ONNX
/// live here, not in the engine): <c>inspect</c>'s pictures and tables, <c>export</c> in both formats, and the pictures
/// <c>run</c> draws next to the kind's reports. Found by the kind's type in <see cref="KindToolsRegistry"/>; a kind
/// without tools gets these defaults: no pictures beyond the fitness curve, and exports refused with the reason.
/// </summary>
internal class KindTools
{
    /// <summary>The tools of a kind with none of its own.</summary>
    public static KindTools None { get; } = new();

    /// <summary>The first prunable layer's mask as [units, inputs] over image-shaped inputs (the locality column), or null.</summary>
    public virtual (bool[] Mask, int Units, InputShape Input)? FirstLayerMask(RunInspection run, GenomeRecord genome) => null;

    /// <summary>Draws the kind's pictures for <c>inspect</c> (after the fitness curve) and prints its tables; returns the files written.</summary>
    public virtual IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request) => [];

    /// <summary><c>export --format torchsharp</c>: writes the genome and its trained weights, printing where.</summary>
    public virtual void ExportWeights(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        throw new BadInputException($"Export of '{run.Spec.Kind}' genomes' weights is not supported.");
    }

    /// <summary><c>export --format onnx</c>: writes <c>GENOME.onnx</c> and measures it in ONNX Runtime; <see cref="NotSupportedException"/> where ONNX cannot carry the genome.</summary>
    public virtual OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        throw new NotSupportedException($"Run '{run.Spec.RunId}' is a '{run.Spec.Kind}' run; ONNX export covers {KindToolsRegistry.BuiltIn.DescribeOnnxKinds()} genomes.");
    }

    /// <summary>After <c>run</c> completes: draws pictures beside the reports the run wrote itself, telling <paramref name="info"/> what it wrote.</summary>
    public virtual Task AfterRunAsync(IRunStore store, RunSpec spec, Action<string> info) => Task.CompletedTask;

    /// <summary>Whether <see cref="ExportOnnx"/> is the kind's own.</summary>
    public virtual bool ExportsOnnx => false;
}
