using System.Globalization;
using EvoPrune.Cli.Export;
using EvoPrune.Cli.Inspection;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Evolution.Genomes;
using Spectre.Console;

namespace EvoPrune.Cli.Kinds;

/// <summary>The CLI's tools for <c>ensemble</c> runs: which classifiers the top genomes keep (table and picture), and ONNX of MLP ensembles.</summary>
internal sealed class EnsembleTools : KindTools<EnsembleKind>
{
    public override bool ExportsOnnx => true;

    /// <summary>The pool's classifier names (columns of the membership picture).</summary>
    public static IReadOnlyList<string> PoolMembers(RunSpec spec) => EnsembleKind.PoolMemberNames(EnsembleKind.ReadSettings(spec));

    /// <summary>Which pool classifiers an ensemble genome keeps, in <see cref="PoolMembers"/> order.</summary>
    public static bool[] Membership(RunSpec spec, GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        return MaskPacking.UnpackBytes(genome.Payload, PoolMembers(spec).Count);
    }

    public override IReadOnlyList<string> Inspect(RunInspection run, InspectRequest request)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(request);
        var members = run.Ranked.Take(request.Top).ToArray();
        var rows = members.Select(m => Membership(run.Spec, m.Genome)).ToArray();
        PrintMembership(PoolMembers(run.Spec), members, rows);
        var path = Path.Combine(request.Pictures, "membership.png");
        MembershipPicture.Save(rows, 4 * request.Scale, path);
        return [path];
    }

    public override OnnxExportResult ExportOnnx(RunInspection run, ScoredGenome member, ExportRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return EnsembleOnnxExport.Export(run, member, request.Folder, request.DataDirectories, request.Compact);
    }

    /// <summary>Which pool classifiers each listed genome keeps: the picture's rows and columns, as a table.</summary>
    private static void PrintMembership(IReadOnlyList<string> pool, IReadOnlyList<ScoredGenome> members, IReadOnlyList<bool[]> rows)
    {
        var table = new Table().Title("Ensemble membership (columns of membership.png, left to right)").AddColumns("column", "classifier");
        table.AddColumns(members.Select(m => Markup.Escape(m.Genome.Id)).ToArray());
        for (var i = 0; i < pool.Count; i++)
        {
            table.AddRow([(i + 1).ToString(CultureInfo.InvariantCulture), Markup.Escape(pool[i]), .. rows.Select(r => r[i] ? "x" : "")]);
        }

        AnsiConsole.Write(table);
    }
}
