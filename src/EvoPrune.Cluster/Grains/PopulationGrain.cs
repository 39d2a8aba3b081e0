using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;

namespace EvoPrune.Cluster.Grains;

/// <inheritdoc cref="IPopulationGrain" />
public sealed class PopulationGrain(GenomeKindRegistry kinds) : Grain, IPopulationGrain
{
    private RunSpec? _spec;
    private IPopulationStrategy? _strategy;
    private IReadOnlyList<ScoredGenome> _members = [];
    private byte[] _state = [];
    private bool _stateIsLive;
    private int _generation = -1;
    private (int Generation, IReadOnlyList<GenomeRecord> Genomes, byte[]? State)? _pending;

    private static readonly IReadOnlyDictionary<string, ScoredGenome> Partnerless = new Dictionary<string, ScoredGenome>(StringComparer.Ordinal);

    private string? _name;

    private string Name => _name ??= this.GetPrimaryKeyString().Split('/')[^1];

    public Task RestoreAsync(RunSpec spec, PopulationSnapshot? snapshot)
    {
        ArgumentNullException.ThrowIfNull(spec);
        _spec = spec;
        _strategy = kinds.Get(spec).CreateStrategy(spec);
        _members = snapshot?.Members ?? [];
        _state = snapshot?.StrategyState ?? [];
        _generation = snapshot?.Generation ?? -1;
        _stateIsLive = false;
        _pending = null;
        return Task.CompletedTask;
    }

    public Task<ScoredGenome?> GetBestAsync()
    {
        EnsureRestored();
        return Task.FromResult(_members.OrderBy(m => m.Report.Failed).ThenByDescending(m => m.Report.Fitness).ThenBy(m => m.Genome.Id, StringComparer.Ordinal).FirstOrDefault());
    }

    public Task<IReadOnlyList<GenomeRecord>> ProposeAsync(int generation, IReadOnlyDictionary<string, ScoredGenome> partners)
    {
        ArgumentNullException.ThrowIfNull(partners);
        EnsureRestored();
        if (_pending is { } pending && pending.Generation == generation)
        {
            return Task.FromResult(pending.Genomes);
        }

        if (generation != _generation + 1)
        {
            throw new InvalidOperationException($"Population {this.GetPrimaryKeyString()} holds generation {_generation}; it cannot propose generation {generation}.");
        }

        IReadOnlyList<GenomeRecord> genomes;
        byte[]? state = null;
        if (_strategy is ILiveStateStrategy live)
        {
            // The state stays in the strategy; its bytes are captured only when a checkpoint asks for them.
            genomes = live.ProposeLive(Name, generation, _members, _stateIsLive ? null : _state);
        }
        else
        {
            (genomes, state) = _strategy is ICoevolutionStrategy coevolution
                ? coevolution.Propose(Name, generation, _members, _state, partners.Where(p => p.Key != Name).ToDictionary(StringComparer.Ordinal))
                : _strategy!.Propose(Name, generation, _members, _state);
        }

        _pending = (generation, genomes, state);
        return Task.FromResult(genomes);
    }

    public Task<GenerationSummary> AcceptAsync(int generation, IReadOnlyList<FitnessReport> reports)
    {
        EnsureRestored();
        if (_pending is not { } pending || pending.Generation != generation)
        {
            throw new PopulationStateLostException($"Population {this.GetPrimaryKeyString()} has no proposal for generation {generation} (it was reactivated).");
        }

        var evaluated = Match(pending.Genomes, reports);
        _members = _strategy!.Accept(Name, generation, _members, evaluated);
        if (pending.State is { } state)
        {
            _state = state;
        }
        else
        {
            _stateIsLive = true;
        }

        _generation = generation;
        _pending = null;
        return Task.FromResult(Summarize(generation, evaluated));
    }

    // Each proposed genome with its report. The queue hands the reports over in the order it was given the genomes, so
    // they are paired by position; anything else (reports from a store, missing ones) is matched by genome id.
    private static ScoredGenome[] Match(IReadOnlyList<GenomeRecord> genomes, IReadOnlyList<FitnessReport> reports)
    {
        var evaluated = new ScoredGenome[genomes.Count];
        Dictionary<string, FitnessReport>? byId = null;
        for (var i = 0; i < evaluated.Length; i++)
        {
            var genome = genomes[i];
            var report = i < reports.Count && string.Equals(reports[i].GenomeId, genome.Id, StringComparison.Ordinal) ? reports[i] : null;
            if (report == null)
            {
                byId ??= reports.ToDictionary(r => r.GenomeId, StringComparer.Ordinal);
                report = byId.GetValueOrDefault(genome.Id) ?? FitnessReport.ForFailure(genome.Id, "no report", "(none)", "(none)", 0);
            }

            evaluated[i] = new ScoredGenome(genome, report);
        }

        return evaluated;
    }

    public Task<PopulationSnapshot> SnapshotAsync() => Task.FromResult(Snapshot());

    public async Task<PopulationStep> StepAsync(int generation, IReadOnlyList<FitnessReport> reports, bool snapshot, bool proposeNext)
    {
        var summary = await AcceptAsync(generation, reports);
        var taken = snapshot ? Snapshot() : null;
        var next = proposeNext ? await ProposeAsync(generation + 1, Partnerless) : null;
        return new PopulationStep(summary, taken, next);
    }

    private PopulationSnapshot Snapshot()
    {
        EnsureRestored();
        if (_stateIsLive)
        {
            _state = ((ILiveStateStrategy)_strategy!).CaptureState();
        }

        return new PopulationSnapshot(Name, _generation, _members, _state);
    }

    private GenerationSummary Summarize(int generation, ScoredGenome[] evaluated)
    {
        if (_members.Count == 0)
        {
            // A coevolving population whose turn has not come yet (it proposed nothing and holds nothing).
            return new GenerationSummary(generation, Name, double.NaN, double.NaN, string.Empty, "(no members yet)", 0, 0, new Dictionary<string, int>(StringComparer.Ordinal));
        }

        // One pass over the members: the first of the fittest (as a stable sort would give, without sorting), and the
        // mean (summed in order, as Average does) and lowest of the fitnesses that did not fail.
        var best = _members[0];
        var (sum, finite, worst) = (0.0, 0, double.NaN);
        foreach (var member in _members)
        {
            var fitness = member.Report.Fitness;
            if (fitness.CompareTo(best.Report.Fitness) > 0) // CompareTo: NaN below everything, as in the sort
            {
                best = member;
            }

            if (!member.Report.Failed)
            {
                sum += fitness;
                worst = finite++ == 0 || fitness < worst || double.IsNaN(fitness) ? fitness : worst;
            }
        }

        var bySilo = new Dictionary<string, int>(StringComparer.Ordinal);
        var (failures, solved) = (0, 0);
        foreach (var e in evaluated)
        {
            bySilo[e.Report.Silo] = bySilo.GetValueOrDefault(e.Report.Silo) + 1;
            failures += e.Report.Failed ? 1 : 0;
            solved += Kinds.SuccessTest.Passed(e.Report) ? 1 : 0;
        }

        var summary = new GenerationSummary(
            generation,
            Name,
            best.Report.Fitness,
            finite == 0 ? double.NaN : sum / finite,
            best.Genome.Id,
            kinds.Get(_spec!).Summarize(_spec!, best.Genome),
            evaluated.Length,
            failures,
            bySilo);
        var solver = solved == 0 ? null : Kinds.SuccessTest.Solver(evaluated);
        return summary with
        {
            WorstFitness = worst,
            BestScores = best.Report.Scores,
            Solved = solved,
            SolvedBy = solver?.Genome.Id,
            SolvedFitness = solver?.Report.Fitness ?? double.NaN,
            SolvedSummary = solver == null ? null : kinds.Get(_spec!).Summarize(_spec!, solver.Genome),
        };
    }

    private void EnsureRestored()
    {
        if (_spec == null)
        {
            throw new PopulationStateLostException($"Population {this.GetPrimaryKeyString()} has no state (it was reactivated).");
        }
    }
}
