using EvoPrune.Cli.Kinds;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Neat;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// Everything <c>inspect</c> and <c>export</c> read from a run's store: its record, its latest good checkpoint, the
/// history, the members ranked by fitness, the run's genome kind from the registry and the CLI's tools for it.
/// </summary>
public sealed class RunInspection
{
    private RunInspection(RunRecord record, Checkpoint checkpoint, IReadOnlyList<string> warnings, IReadOnlyList<string> dataDirectories, string folder)
    {
        Record = record;
        Checkpoint = checkpoint;
        Warnings = warnings;
        Folder = folder;
        Kind = Hosting.CliGenomeKinds.Registry(dataDirectories).TryGet(record.Spec.Kind, out var kind) ? kind : null;
        Tools = KindToolsRegistry.BuiltIn.For(Kind);
    }

    public RunRecord Record { get; }

    public Checkpoint Checkpoint { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The run's folder in the store.</summary>
    public string Folder { get; }

    public RunSpec Spec => Record.Spec;

    /// <summary>The run's genome kind, or null for a kind this build does not register.</summary>
    public IGenomeKind? Kind { get; }

    /// <summary>What the CLI draws and exports for the run's kind.</summary>
    internal KindTools Tools { get; }

    /// <summary>Members of every population, best first (failed ones last).</summary>
    public IReadOnlyList<ScoredGenome> Ranked => Checkpoint.Populations.SelectMany(p => p.Members).OrderByDescending(m => m.Report.Fitness).ThenBy(m => m.Genome.Id, StringComparer.Ordinal).ToArray();

    /// <summary>
    /// Loads run <paramref name="runId"/> from a store folder or <c>postgres://</c> URI; throws
    /// <see cref="KeyNotFoundException"/> naming the store if it is not there. <see cref="Folder"/> is the run's folder
    /// for a file store and <c>reports/RUNID</c> under the working directory for PostgreSQL.
    /// </summary>
    public static async Task<RunInspection> LoadAsync(string storeRoot, string runId, IReadOnlyList<string> dataDirectories)
    {
        var store = Hosting.SiloStores.Open(storeRoot);
        var record = await Hosting.SiloStores.LoadRecordAsync(store, Configuration.RunIds.Check(runId));
        var warnings = new List<string>();
        var checkpoint = await store.LoadLatestCheckpointAsync(runId, warnings.Add)
            ?? throw new Configuration.BadInputException($"Run '{runId}' has no readable checkpoint yet (phase {record.Phase}){(warnings.Count > 0 ? ": " + string.Join("; ", warnings) : string.Empty)}.");
        if (checkpoint.Populations is null || checkpoint.History is null || checkpoint.Populations.Any(p => p?.Members is null))
        {
            throw new Configuration.BadInputException($"Run '{runId}': the checkpoint of generation {checkpoint.Generation} in {store.Describe(runId)} has a valid checksum but lacks its populations, members or history.");
        }

        return new RunInspection(record, checkpoint, warnings, dataDirectories, Hosting.SiloStores.OutputFolder(store, runId));
    }

    /// <summary>Finds a member by id, or the best one for "best".</summary>
    public ScoredGenome Find(string genome) =>
        genome == "best"
            ? Ranked[0]
            : Ranked.FirstOrDefault(m => m.Genome.Id == genome)
              ?? throw new KeyNotFoundException($"Genome '{genome}' is not in the last checkpoint of run '{Spec.RunId}'. Its members: {string.Join(", ", Ranked.Select(m => m.Genome.Id))}.");

    /// <summary>
    /// The genome <c>inspect</c> draws for a run of a task with a success test, and why: the genome that solved the task
    /// (the console's <c>solved:</c> line names it) when the last checkpoint holds it, else the fittest member of the
    /// last checkpoint that passes the test, else the fittest member.
    /// </summary>
    public (ScoredGenome Member, string Reason) Champion()
    {
        var members = Checkpoint.Populations.SelectMany(p => p.Members).ToArray();
        var solvedAt = Checkpoint.History.FirstOrDefault(h => h.Solved > 0);
        if (solvedAt?.SolvedBy is { } id && members.FirstOrDefault(m => m.Genome.Id == id) is { } solver)
        {
            return (solver, $"the genome that solved the task in generation {solvedAt.Generation}");
        }

        if (Cluster.Kinds.SuccessTest.Solver(members) is { } passing)
        {
            return (passing, solvedAt == null
                ? $"the fittest genome of generation {Checkpoint.Generation} that passes the task's success test"
                : $"the fittest genome of generation {Checkpoint.Generation} that passes the task's success test (the task was first solved in generation {solvedAt.Generation}, which the last checkpoint does not hold)");
        }

        return (Ranked[0], solvedAt == null
            ? $"the fittest genome of generation {Checkpoint.Generation}; no genome solved the task"
            : $"the fittest genome of generation {Checkpoint.Generation}; none of it passes the success test (the task was solved in generation {solvedAt.Generation}, which the last checkpoint does not hold)");
    }

    /// <summary>A NEAT genome's node and connection genes.</summary>
    public static NeatGenome NeatNetwork(GenomeRecord genome) => NeatKind.Decode(genome);

    /// <summary>The readable summary of a genome, in its kind's words (the genome id for a kind this build does not know).</summary>
    public string Summarize(GenomeRecord genome) => Kind?.Summarize(Spec, genome) ?? genome.Id;
}
