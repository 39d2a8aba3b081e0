using EvoPrune.Evolution.Evaluation;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Evolution.Terminations;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>
/// The generational loop: create and evaluate the initial population, then select, cross, mutate, evaluate the
/// offspring as one batch and reinsert, until the termination holds. All draws for generation g come from streams
/// keyed (seed, g, index, purpose) (see <see cref="RandomPurposes"/>), so a run is a pure function of its seed and
/// operators, and a <see cref="GeneticAlgorithmSnapshot{TGenome}"/> resumes it bit for bit. Awaits keep the caller's
/// synchronisation context, so the loop can run inside an Orleans grain.
/// </summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class GeneticAlgorithm<TGenome>
    where TGenome : class, IGenome<TGenome>
{
    private readonly GeneticOperators<TGenome> _operators;
    private readonly IEvaluator<TGenome> _evaluator;
    private readonly TimeProvider _time;

    /// <summary>Creates the algorithm and checks that settings and operators fit together.</summary>
    /// <param name="settings">Sizes, probabilities, seed and fitness order.</param>
    /// <param name="operators">Factory, selection, crossover, mutation, reinsertion and termination.</param>
    /// <param name="evaluator">Scores each batch of new genomes.</param>
    /// <param name="timeProvider">Measures the run's elapsed time; the system clock when null.</param>
    /// <exception cref="ArgumentException">
    /// A setting is out of range (population below 2, a probability outside [0, 1]…) or an operator does not fit the
    /// sizes (a tournament larger than the population, more elites than places…).
    /// </exception>
    public GeneticAlgorithm(
        GeneticAlgorithmSettings settings,
        GeneticOperators<TGenome> operators,
        IEvaluator<TGenome> evaluator,
        TimeProvider? timeProvider = null)
    {
        SettingsValidation.Check(settings);
        SettingsValidation.Check(operators, settings);
        ArgumentNullException.ThrowIfNull(evaluator);
        Settings = settings;
        _operators = operators;
        _evaluator = evaluator;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>Raised after every generation, the initial one included.</summary>
    public event EventHandler<GenerationCompletedEventArgs<TGenome>>? GenerationCompleted;

    /// <summary>The settings the algorithm runs with.</summary>
    public GeneticAlgorithmSettings Settings { get; }

    /// <summary>Runs from a fresh initial population until the termination holds.</summary>
    /// <returns>The final snapshot; its <see cref="GeneticAlgorithmSnapshot{TGenome}.BestEver"/> is the result.</returns>
    public async Task<GeneticAlgorithmSnapshot<TGenome>> RunAsync(
        IProgress<GenerationStatistics>? progress = null,
        CancellationToken cancellationToken = default)
    {
        var snapshot = await InitializeAsync(cancellationToken);
        progress?.Report(snapshot.History[^1]);
        return await ContinueAsync(snapshot, progress, cancellationToken);
    }

    /// <summary>Continues a run from <paramref name="snapshot"/> until the termination holds.</summary>
    /// <exception cref="ArgumentException">The snapshot was taken with another seed or population size.</exception>
    public async Task<GeneticAlgorithmSnapshot<TGenome>> ResumeAsync(
        GeneticAlgorithmSnapshot<TGenome> snapshot,
        IProgress<GenerationStatistics>? progress = null,
        CancellationToken cancellationToken = default)
    {
        CheckSnapshot(snapshot);
        return await ContinueAsync(snapshot, progress, cancellationToken);
    }

    /// <summary>Creates and evaluates the initial population (generation 0).</summary>
    public async Task<GeneticAlgorithmSnapshot<TGenome>> InitializeAsync(CancellationToken cancellationToken = default)
    {
        var started = _time.GetTimestamp();
        var genomes = new TGenome[Settings.PopulationSize];
        for (var i = 0; i < genomes.Length; i++)
        {
            var genome = _operators.Factory.Create(RandomSources.For(Settings.Seed, 0, i, RandomPurposes.Initialization))
                ?? throw new InvalidOperationException("The genome factory returned null.");

            // Ids start at 1: 0 marks an unnumbered genome.
            genomes[i] = genome.Clone(i + 1L);
        }

        var individuals = await EvaluateAsync(genomes, 0, cancellationToken);
        var population = new Population<TGenome>(0, individuals);
        var statistics = GenerationStatistics.Compute(population, Settings.Comparer, genomes.Length);
        var snapshot = new GeneticAlgorithmSnapshot<TGenome>(
            Settings.Seed, genomes.Length + 1L, population, population.Best(Settings.Comparer), [statistics], _time.GetElapsedTime(started));
        OnGenerationCompleted(snapshot);
        return snapshot;
    }

    /// <summary>Breeds, evaluates and reinserts one generation after <paramref name="current"/>.</summary>
    public async Task<GeneticAlgorithmSnapshot<TGenome>> StepAsync(
        GeneticAlgorithmSnapshot<TGenome> current,
        CancellationToken cancellationToken = default)
    {
        CheckSnapshot(current);
        var started = _time.GetTimestamp();
        var generation = current.Generation + 1;
        var children = Breeding.Breed(Settings, _operators, current.Population, generation);
        var nextId = current.NextGenomeId;
        for (var c = 0; c < children.Count; c++)
        {
            children[c] = children[c].Clone(nextId++);
        }

        var offspring = await EvaluateAsync(children, generation, cancellationToken);
        var next = _operators.Reinsertion.Reinsert(current.Population.Individuals, offspring, Settings.PopulationSize, Settings.Comparer);
        if (next is null || next.Count != Settings.PopulationSize)
        {
            throw new InvalidOperationException(
                $"The reinsertion returned {next?.Count ?? 0} individuals for a population of {Settings.PopulationSize}.");
        }

        var population = new Population<TGenome>(generation, next);
        var statistics = GenerationStatistics.Compute(population, Settings.Comparer, children.Count);
        var best = population.Best(Settings.Comparer);
        var snapshot = current with
        {
            NextGenomeId = nextId,
            Population = population,
            BestEver = Settings.Comparer.IsFitter(best.Fitness, current.BestEver.Fitness) ? best : current.BestEver,
            History = [.. current.History, statistics],
            Elapsed = current.Elapsed + _time.GetElapsedTime(started),
        };
        OnGenerationCompleted(snapshot);
        return snapshot;
    }

    /// <summary>Whether the termination holds for <paramref name="snapshot"/>.</summary>
    public bool ShouldTerminate(GeneticAlgorithmSnapshot<TGenome> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var status = new EvolutionStatus(snapshot.Generation, snapshot.History, snapshot.BestEver.Fitness, snapshot.Elapsed, Settings.Comparer);
        return _operators.Termination.HasReached(status);
    }

    private async Task<GeneticAlgorithmSnapshot<TGenome>> ContinueAsync(
        GeneticAlgorithmSnapshot<TGenome> snapshot,
        IProgress<GenerationStatistics>? progress,
        CancellationToken cancellationToken)
    {
        while (!ShouldTerminate(snapshot))
        {
            cancellationToken.ThrowIfCancellationRequested();
            snapshot = await StepAsync(snapshot, cancellationToken);
            progress?.Report(snapshot.History[^1]);
        }

        return snapshot;
    }

    private async Task<Individual<TGenome>[]> EvaluateAsync(IReadOnlyList<TGenome> genomes, long generation, CancellationToken cancellationToken)
    {
        var context = new EvaluationContext(Settings.Seed, generation);
        var fitness = await _evaluator.EvaluateAsync(genomes, context, cancellationToken);
        if (fitness is null || fitness.Count != genomes.Count)
        {
            throw new InvalidOperationException(
                $"The evaluator returned {fitness?.Count ?? 0} fitness values for {genomes.Count} genomes in generation {generation}.");
        }

        var individuals = new Individual<TGenome>[genomes.Count];
        for (var i = 0; i < individuals.Length; i++)
        {
            individuals[i] = new Individual<TGenome>(
                genomes[i],
                fitness[i] ?? throw new InvalidOperationException($"The evaluator returned null fitness for genome {genomes[i].Id}."));
        }

        return individuals;
    }

    private void CheckSnapshot(GeneticAlgorithmSnapshot<TGenome> snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Seed != Settings.Seed || snapshot.Population.Count != Settings.PopulationSize || snapshot.History.Count == 0)
        {
            throw new ArgumentException(
                $"The snapshot (seed {snapshot.Seed}, {snapshot.Population.Count} individuals, {snapshot.History.Count} generations of history) "
                + $"does not belong to this run (seed {Settings.Seed}, population {Settings.PopulationSize}).",
                nameof(snapshot));
        }
    }

    private void OnGenerationCompleted(GeneticAlgorithmSnapshot<TGenome> snapshot) =>
        GenerationCompleted?.Invoke(this, new GenerationCompletedEventArgs<TGenome>(snapshot, ShouldTerminate(snapshot)));
}
