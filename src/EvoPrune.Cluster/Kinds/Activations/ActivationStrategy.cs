using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>
/// The search methods of Lapid and Sipper as population strategies, each a (1+λ) evolution strategy that maximises
/// validation accuracy (the source's <c>cartesian</c> loop minimised it by mistake): a population keeps one parent;
/// a generation proposes λ children; the best of parent and children (a child wins ties, CGP's neutral drift) is the
/// next parent. Coevolution keeps one population per slot and, as the source, runs them one after another: population
/// 1 (input slot) for n generations, then 2, then 3; each starts with one random program and evaluates every candidate
/// with the other populations' incumbents (the default function where a population has not run yet), so within a
/// block the partners are fixed and a parent's fitness stays comparable with its children's. The last generation
/// proposes one genome, the winning triple, which the evaluator trains to the end and tests.
/// </summary>
internal sealed class ActivationStrategy(RunSpec spec, ActivationSettings settings) : ICoevolutionStrategy
{
    private static readonly IReadOnlyDictionary<string, ScoredGenome> NoPartners = new Dictionary<string, ScoredGenome>();

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state) =>
        Propose(population, generation, members, state, NoPartners);

    public (IReadOnlyList<GenomeRecord> Genomes, byte[] State) Propose(string population, int generation, IReadOnlyList<ScoredGenome> members, byte[] state, IReadOnlyDictionary<string, ScoredGenome> partners)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(partners);
        var slot = settings.IsCoevolution ? IndexOf(population) : -1;
        var candidates = generation >= settings.SearchGenerations ? Final(slot, members, partners)
            : settings.IsCoevolution && generation / settings.Iterations != slot ? []
            : generation == 0 || (settings.IsCoevolution && generation % settings.Iterations == 0) ? Initial(population, slot, generation, partners)
            : Breed(population, generation, slot, members, partners);
        var genomes = candidates
            .Select((c, i) => new GenomeRecord($"{population}-g{generation}-{i}", population, generation, i, JsonSerializer.SerializeToUtf8Bytes(c, KindSupport.Json)))
            .ToArray();
        return (genomes, state ?? []);
    }

    public IReadOnlyList<ScoredGenome> Accept(string population, int generation, IReadOnlyList<ScoredGenome> members, IReadOnlyList<ScoredGenome> evaluated)
    {
        ArgumentNullException.ThrowIfNull(members);
        ArgumentNullException.ThrowIfNull(evaluated);
        if (evaluated.Count == 0)
        {
            return members;
        }

        if (generation >= settings.SearchGenerations)
        {
            return evaluated;
        }

        // Children first, so a child that ties its parent replaces it; a failed evaluation never wins over a real one.
        var ranked = BestFirst(evaluated.Concat(members));
        return settings.Method == ActivationSettings.Standard ? ranked : [ranked[0]];
    }

    private static ScoredGenome[] BestFirst(IEnumerable<ScoredGenome> genomes) =>
    [
        .. genomes
            .Select((m, order) => (m, order))
            .OrderBy(x => x.m.Report.Failed)
            .ThenByDescending(x => x.m.Report.Fitness)
            .ThenBy(x => x.order)
            .Select(x => x.m),
    ];

    private ActivationCandidate[] Initial(string population, int slot, int generation, IReadOnlyDictionary<string, ScoredGenome> partners)
    {
        var defaults = AllSlots(settings.Default);
        var random = RandomSources.For(spec.Seed, generation, 0, $"{population}/initial");
        return settings.Method switch
        {
            ActivationSettings.Coevolution => [Incumbents(partners, defaults).With(slot, Program(random).Text)],
            ActivationSettings.EvoSingle => [AllSlots(Program(random).Text)],
            ActivationSettings.EvoTriple => [defaults.With(random.NextInt(3), Program(random).Text)],
            // The source's budget, 1 + 3·n: the base program and one mutant now, one mutant per later generation.
            ActivationSettings.RandomSearch when settings.RandomBudget == "code-faithful" =>
                [defaults.With(random.NextInt(3), RandomBase().Text), defaults.With(random.NextInt(3), RandomBase().Mutate(random, settings.ActiveMutation).Text)],
            ActivationSettings.RandomSearch => [defaults.With(random.NextInt(3), RandomBase().Text)],
            ActivationSettings.Standard => [.. settings.StandardFunctions.Select(AllSlots)],
            ActivationSettings.PerLayer => [new ActivationCandidate([.. Enumerable.Range(0, 3).Select(_ => settings.StandardFunctions[random.NextInt(settings.StandardFunctions.Count)])], -1)],
            _ => throw new ArgumentException($"Unknown activation search method '{settings.Method}'."),
        };
    }

    private ActivationCandidate[] Breed(string population, int generation, int slot, IReadOnlyList<ScoredGenome> members, IReadOnlyDictionary<string, ScoredGenome> partners)
    {
        if (members.Count == 0)
        {
            throw new InvalidOperationException($"Population {population} has no parent in generation {generation}; generation 0 must have evaluated one.");
        }

        var parent = ActivationKind.Decode(BestFirst(members)[0].Genome);
        var children = new ActivationCandidate[settings.ChildrenPerGeneration];
        for (var i = 0; i < children.Length; i++)
        {
            var random = RandomSources.For(spec.Seed, generation, i, $"{population}/breed");
            children[i] = settings.Method switch
            {
                ActivationSettings.Coevolution => Incumbents(partners, parent).With(slot, Mutant(parent.Functions[slot], random)),
                ActivationSettings.EvoSingle => AllSlots(Mutant(parent.Evolved, random)),
                ActivationSettings.EvoTriple => new ActivationCandidate(parent.Functions, -1).With(random.NextInt(3), Mutant(parent.Evolved, random)),
                ActivationSettings.RandomSearch => new ActivationCandidate(parent.Functions, -1).With(random.NextInt(3), RandomBase().Mutate(random, settings.ActiveMutation).Text),
                ActivationSettings.PerLayer => MutateTriple(parent, random),
                _ => throw new InvalidOperationException($"Method '{settings.Method}' has no generation {generation} before its final one."),
            };
        }

        return children;
    }

    private ActivationCandidate[] Final(int slot, IReadOnlyList<ScoredGenome> members, IReadOnlyDictionary<string, ScoredGenome> partners)
    {
        // Coevolution: the output population proposes the final network, made of every population's incumbent.
        if (settings.IsCoevolution && slot != ActivationSettings.Slots.Count - 1)
        {
            return [];
        }

        var best = members.Count > 0 ? BestFirst(members)[0] : throw new InvalidOperationException("The search produced no genome to train to the end.");
        var parent = ActivationKind.Decode(best.Genome);
        var triple = settings.IsCoevolution ? Incumbents(partners, parent) : parent;
        return [new ActivationCandidate(triple.Functions, -1, Final: true)];
    }

    // The triple of the incumbents: each other population's best in its own slot, this population's parent in its slot.
    private static ActivationCandidate Incumbents(IReadOnlyDictionary<string, ScoredGenome> partners, ActivationCandidate own)
    {
        var functions = own.Functions.ToArray();
        foreach (var (name, partner) in partners)
        {
            var index = IndexOf(name);
            functions[index] = ActivationKind.Decode(partner.Genome).Functions[index];
        }

        return new ActivationCandidate(functions, -1);
    }

    private ActivationCandidate MutateTriple(ActivationCandidate parent, IRandomSource random)
    {
        var slot = random.NextInt(3);
        var others = settings.StandardFunctions.Where(f => f != parent.Functions[slot]).ToArray();
        return others.Length == 0 ? parent : new ActivationCandidate(parent.Functions, -1).With(slot, others[random.NextInt(others.Length)]);
    }

    private string Mutant(string parent, IRandomSource random) => CgpProgram.Parse(parent).Mutate(random, settings.ActiveMutation).Text;

    private CgpProgram Program(IRandomSource random) => CgpProgram.Random(settings.Shape, random);

    // Random search mutates one program drawn once per run, as the source does.
    private CgpProgram RandomBase() => Program(RandomSources.For(spec.Seed, 0, 0, "search/random-base"));

    private static ActivationCandidate AllSlots(string function) => new([function, function, function], -1);

    private static int IndexOf(string population)
    {
        var index = ActivationSettings.Slots.ToList().IndexOf(population);
        return index >= 0 ? index : throw new ArgumentException($"Population '{population}' is not a slot; coevolution's populations are {string.Join(", ", ActivationSettings.Slots)}.");
    }
}
