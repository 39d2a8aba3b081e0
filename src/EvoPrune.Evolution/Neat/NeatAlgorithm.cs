using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Runtime.InteropServices;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// The NEAT generational loop: <see cref="Initialize"/> builds and scores generation 0, each <see cref="Step"/>
/// reproduces, evaluates and speciates the next one. Every random draw is keyed on (seed, generation, index,
/// purpose), so a seed fixes the run and <see cref="Snapshot"/> / <see cref="Resume"/> continue it bit-identically,
/// whatever <see cref="NeatSettings.EvaluationParallelism"/>.
/// </summary>
public sealed class NeatAlgorithm
{
    private readonly NeatSettings _settings;
    private readonly INeatTask _task;
    private readonly CompatibilityDistance _distance;
    private readonly NeatReproduction _reproduction;
    private InnovationTracker _tracker;
    private ImmutableArray<NeatIndividual> _population = [];
    private ImmutableArray<NeatSpecies> _species = [];
    private int _nextSpeciesId;
    private int _lastImproved;
    private NeatGenome? _bestGenome;
    private double _bestFitness = double.NegativeInfinity;

    /// <summary>A run of <paramref name="task"/> with <paramref name="settings"/> and <paramref name="seed"/>.</summary>
    public NeatAlgorithm(NeatSettings settings, INeatTask task, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(task);
        _settings = settings.Validate();
        _task = task;
        Seed = seed;
        _distance = new CompatibilityDistance(settings);
        _reproduction = new NeatReproduction(settings, seed);
        _tracker = new InnovationTracker(task.InputCount, task.OutputCount);
        Generation = -1;
    }

    /// <summary>Raised after each generation is evaluated and speciated.</summary>
    public event EventHandler<NeatGenerationStats>? GenerationCompleted;

    /// <summary>The run seed.</summary>
    public ulong Seed { get; }

    /// <summary>The current generation; -1 before <see cref="Initialize"/>.</summary>
    public int Generation { get; private set; }

    /// <summary>Networks evaluated so far.</summary>
    public long Evaluations { get; private set; }

    /// <summary>The current, evaluated population.</summary>
    public IReadOnlyList<NeatIndividual> Population => _population;

    /// <summary>The current species.</summary>
    public IReadOnlyList<NeatSpecies> Species => _species;

    /// <summary>Statistics of the latest generation; null before <see cref="Initialize"/>.</summary>
    public NeatGenerationStats? LastStats { get; private set; }

    /// <summary>Continues the run captured in <paramref name="snapshot"/>; the next <see cref="Step"/> makes generation k + 1.</summary>
    public static NeatAlgorithm Resume(NeatSettings settings, INeatTask task, NeatPopulationSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var algorithm = new NeatAlgorithm(settings, task, snapshot.Seed)
        {
            Generation = snapshot.Generation,
            Evaluations = snapshot.Evaluations,
            _tracker = new InnovationTracker(snapshot.Innovations),
            _population = snapshot.Population,
            _species = snapshot.Species,
            _nextSpeciesId = snapshot.NextSpeciesId,
            _bestGenome = snapshot.BestGenome,
            _bestFitness = snapshot.BestFitness,
            _lastImproved = snapshot.LastImprovedGeneration,
        };
        algorithm.LastStats = snapshot.Generation < 0 ? null : algorithm.Summarize();
        return algorithm;
    }

    /// <summary>Creates, evaluates and speciates generation 0 (start genomes differ only in their weights).</summary>
    public NeatGenerationStats Initialize() => Complete(0, StartGenomes());

    /// <summary>
    /// The genomes of the next generation, not yet evaluated: generation 0's start genomes, or the children of the
    /// current population. Evaluate them elsewhere (on other machines, say) and hand the results to
    /// <see cref="Accept"/>; <see cref="Snapshot"/> in between captures the bred state, so the pair survives a restart.
    /// </summary>
    public IReadOnlyList<NeatGenome> Breed()
    {
        if (Generation < 0)
        {
            return StartGenomes();
        }

        var (children, species, lastImproved) = _reproduction.Reproduce(_population, _species, _tracker, Generation, _lastImproved);
        _species = species;
        _lastImproved = lastImproved;
        return children;
    }

    /// <summary>Completes the generation <see cref="Breed"/> made: <paramref name="evaluations"/> are its genomes' results, in order.</summary>
    public NeatGenerationStats Accept(IReadOnlyList<NeatGenome> genomes, IReadOnlyList<NeatEvaluation> evaluations)
    {
        ArgumentNullException.ThrowIfNull(genomes);
        ArgumentNullException.ThrowIfNull(evaluations);
        if (genomes.Count != evaluations.Count)
        {
            throw new ArgumentException($"{genomes.Count} genomes but {evaluations.Count} evaluations.", nameof(evaluations));
        }

        return Complete(Generation + 1, genomes, evaluations);
    }

    /// <summary>Breeds, evaluates and speciates the next generation.</summary>
    public NeatGenerationStats Step()
    {
        if (Generation < 0)
        {
            throw new InvalidOperationException("Call Initialize (or Resume) before Step.");
        }

        var (children, species, lastImproved) = _reproduction.Reproduce(_population, _species, _tracker, Generation, _lastImproved);
        _species = species;
        _lastImproved = lastImproved;
        return Complete(Generation + 1, children);
    }

    /// <summary>
    /// Steps until a genome solves the task (its own test or <see cref="NeatSettings.FitnessThreshold"/>) or
    /// <see cref="NeatSettings.MaxGenerations"/> generations exist; initializes first where needed.
    /// </summary>
    public NeatRunResult Run(CancellationToken cancellationToken = default)
    {
        var history = new List<NeatGenerationStats>();
        NeatGenerationStats stats;
        if (Generation < 0)
        {
            stats = Initialize();
            history.Add(stats);
        }
        else
        {
            stats = LastStats!;
        }

        while (!stats.Solved && Generation + 1 < _settings.MaxGenerations)
        {
            cancellationToken.ThrowIfCancellationRequested();
            stats = Step();
            history.Add(stats);
        }

        var champion = stats.Solved
            ? _population.Where(IsSolution).MaxBy(p => p.Fitness)!
            : new NeatIndividual(_bestGenome!, _bestFitness, false);
        return new NeatRunResult(stats.Solved, Generation + 1, Evaluations, champion.Genome, champion.Fitness, history);
    }

    /// <summary>
    /// The run's complete state after the current generation (or after <see cref="Breed"/>, whose species and
    /// innovation changes it includes); valid before the first generation too.
    /// </summary>
    public NeatPopulationSnapshot Snapshot() =>
        new(Seed, Generation, _population, _species, _tracker.ToState(), _nextSpeciesId, _bestGenome, _bestFitness, _lastImproved, Evaluations);

    private List<NeatGenome> StartGenomes()
    {
        var genomes = new List<NeatGenome>(_settings.PopulationSize);
        for (var i = 0; i < _settings.PopulationSize; i++)
        {
            var random = RandomSources.For(Seed, 0, i, NeatRandomPurposes.Initialization);
            genomes.Add(NeatGenome.CreateMinimal(_task.InputCount, _task.OutputCount, _tracker, random, _settings.WeightRange));
        }

        return genomes;
    }

    private NeatGenerationStats Complete(int generation, List<NeatGenome> genomes)
    {
        var evaluations = new NeatEvaluation[genomes.Count];
        if (_settings.EvaluationParallelism == 1)
        {
            for (var i = 0; i < genomes.Count; i++)
            {
                evaluations[i] = _task.Evaluate(NetworkFactory.CreateForEvaluation(genomes[i], _settings));
            }
        }
        else
        {
            // Contiguous blocks of genomes per task: a cheap evaluation (XOR) would otherwise cost less than its scheduling.
            var options = new ParallelOptions { MaxDegreeOfParallelism = _settings.EvaluationParallelism };
            var blocks = Partitioner.Create(0, genomes.Count, Math.Max(1, genomes.Count / (4 * _settings.EvaluationParallelism)));
            Parallel.ForEach(blocks, options, range =>
            {
                for (var i = range.Item1; i < range.Item2; i++)
                {
                    evaluations[i] = _task.Evaluate(NetworkFactory.CreateForEvaluation(genomes[i], _settings));
                }
            });
        }

        return Complete(generation, genomes, evaluations);
    }

    private NeatGenerationStats Complete(int generation, IReadOnlyList<NeatGenome> genomes, IReadOnlyList<NeatEvaluation> evaluations)
    {
        var individuals = new NeatIndividual[genomes.Count];
        var best = 0;
        for (var i = 0; i < individuals.Length; i++)
        {
            individuals[i] = new NeatIndividual(genomes[i], evaluations[i].Fitness, evaluations[i].Solved);
            best = individuals[i].Fitness > individuals[best].Fitness ? i : best;
        }

        _population = ImmutableCollectionsMarshal.AsImmutableArray(individuals);
        Generation = generation;
        Evaluations += genomes.Count;
        var fittest = individuals[best];
        if (fittest.Fitness > _bestFitness)
        {
            _bestFitness = fittest.Fitness;
            _bestGenome = fittest.Genome;
            _lastImproved = generation;
        }

        _species = NeatSpeciation.Speciate(_population, _species, _distance, Threshold(generation), _settings.ChampionRepresentative, Seed, generation, ref _nextSpeciesId);
        LastStats = Summarize();
        GenerationCompleted?.Invoke(this, LastStats);
        return LastStats;
    }

    // The compatibility threshold of this generation's speciation: lower after a generation of one species.
    private double Threshold(int generation) =>
        generation > 0 && _species.Length == 1 && _settings.OneSpeciesThresholdScale > 0
            ? _settings.CompatibilityThreshold * _settings.OneSpeciesThresholdScale
            : _settings.CompatibilityThreshold;

    private bool IsSolution(NeatIndividual individual) =>
        individual.Solved || (_settings.FitnessThreshold is { } threshold && individual.Fitness >= threshold);

    // Sequential sums in population order, as the statistics have always been computed.
    private NeatGenerationStats Summarize()
    {
        var best = _population[0].Fitness;
        var fitness = 0.0;
        long hidden = 0;
        long enabled = 0;
        var solved = false;
        foreach (var individual in _population)
        {
            best = individual.Fitness > best ? individual.Fitness : best;
            fitness += individual.Fitness;
            hidden += individual.Genome.HiddenCount;
            enabled += individual.Genome.EnabledConnectionCount;
            solved |= IsSolution(individual);
        }

        var count = (double)_population.Length;
        return new NeatGenerationStats(Generation, best, fitness / count, _species.Length, hidden / count, enabled / count, Evaluations, solved);
    }
}
