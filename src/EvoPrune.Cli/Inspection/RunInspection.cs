using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Kinds.Ensemble;
using EvoPrune.Cluster.Kinds.Neat;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Neat;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Storage;
using EvoPrune.Cluster.Workers;
using EvoPrune.Learning.Models;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Plugins;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cli.Inspection;

/// <summary>
/// Everything <c>inspect</c> and <c>export</c> read from a run's store: its record, its latest good checkpoint, the
/// history, the members ranked by fitness, and (for sparse-mask runs) the decoded masks.
/// </summary>
public sealed class RunInspection
{
    private readonly SparseMaskKind _sparseMask;
    private readonly GenomeKindRegistry _kinds;

    private RunInspection(RunRecord record, Checkpoint checkpoint, IReadOnlyList<string> warnings, IReadOnlyList<string> dataDirectories, string folder)
    {
        Record = record;
        Checkpoint = checkpoint;
        Warnings = warnings;
        Folder = folder;
        _kinds = Hosting.CliGenomeKinds.Registry(dataDirectories);
        _sparseMask = (SparseMaskKind)_kinds.Get(SparseMaskKind.KindName);
    }

    public RunRecord Record { get; }

    public Checkpoint Checkpoint { get; }

    public IReadOnlyList<string> Warnings { get; }

    /// <summary>The run's folder in the store.</summary>
    public string Folder { get; }

    public RunSpec Spec => Record.Spec;

    public bool IsSparseMask => Spec.Kind == SparseMaskKind.KindName;

    public bool IsNeat => Spec.Kind == NeatKind.KindName;

    public bool IsEnsemble => Spec.Kind == EnsembleKind.KindName;

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

    /// <summary>The first prunable layer's mask as [units, inputs] over image-shaped inputs, or null where that does not apply.</summary>
    public (bool[] Mask, int Units, InputShape Input)? FirstLayerMask(GenomeRecord genome)
    {
        if (!IsSparseMask)
        {
            return null;
        }

        var (architecture, masks) = _sparseMask.Decode(Spec, genome);
        var first = architecture.Describe()[0];
        return architecture.Layers[0].Kind == LayerKind.Linear && architecture.Input.Channels == 1 && architecture.Input.Height > 1
            ? (masks[0], first.WeightShape[0], architecture.Input)
            : null;
    }

    /// <summary>
    /// The activation function of each hidden layer of a sparse-mask genome's network, or of each slot of an activations
    /// genome (layer or slot, registry name or CGP program text); empty for kinds without per-layer activations.
    /// </summary>
    public IReadOnlyList<(string Layer, string Function)> ActivationChoices(GenomeRecord genome)
    {
        if (Spec.Kind == Cluster.Kinds.Activations.ActivationKind.KindName)
        {
            var candidate = Cluster.Kinds.Activations.ActivationKind.Decode(genome);
            return [.. candidate.Functions.Select((f, i) => ($"{Cluster.Kinds.Activations.ActivationSettings.Slots[i]} slot", f))];
        }

        if (!IsSparseMask)
        {
            return [];
        }

        var (architecture, _) = _sparseMask.Decode(Spec, genome);
        var hidden = architecture.Describe().Take(architecture.PrunableLayerCount - 1).Select(l => l.Name).ToArray();
        var chosen = SparseMaskKind.ReadSettings(Spec).Model.Activations;
        return [.. hidden.Select((name, i) => (name, chosen.Count == 1 ? chosen[0] : chosen[i]))];
    }

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

    /// <summary>The pool's classifier names (columns of the membership picture), for ensemble runs.</summary>
    public IReadOnlyList<string> PoolMembers() => EnsembleKind.PoolMemberNames(EnsembleKind.ReadSettings(Spec));

    /// <summary>Which pool classifiers an ensemble genome keeps, in <see cref="PoolMembers"/> order.</summary>
    public bool[] Membership(GenomeRecord genome)
    {
        ArgumentNullException.ThrowIfNull(genome);
        return MaskPacking.UnpackBytes(genome.Payload, PoolMembers().Count);
    }

    /// <summary>Retrains a sparse-mask genome exactly as it was evaluated.</summary>
    public (MaskedNetwork Network, Learning.Training.TrainingReport Report) Retrain(GenomeRecord genome, TorchSharp.torch.Device device) =>
        IsSparseMask ? _sparseMask.Retrain(Spec, genome, device) : throw new Configuration.BadInputException($"Export of '{Spec.Kind}' genomes' weights is not supported.");

    /// <summary>The readable summary of a genome, in its kind's words (the genome id for a kind this build does not know).</summary>
    public string Summarize(GenomeRecord genome) =>
        _kinds.Names.Contains(Spec.Kind, StringComparer.OrdinalIgnoreCase) ? _kinds.Get(Spec).Summarize(Spec, genome) : genome.Id;
}
