using CsCheck;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Populations;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Tests.TestSupport;

namespace EvoPrune.Evolution.Tests.Reinsertions;

public class ReinsertionTests
{
    // Parents get ids from 1, offspring from 1001, so every individual is traceable.
    private static readonly Gen<(Individual<IntegerGenome>[] Parents, Individual<IntegerGenome>[] Offspring, FitnessComparer Comparer)> Generations =
        from size in Gen.Int[2, 20]
        from parentFitness in Gens.Fitness.Array[size]
        from extra in Gen.Int[0, 10]
        from offspringFitness in Gens.Fitness.Array[size + extra]
        from comparer in Gens.Comparer
        select (Make(parentFitness, 1), Make(offspringFitness, 1001), comparer);

    public static TheoryData<string> Names => ["pure", "elitist-1", "elitist-3", "fitness-based"];

    [Theory]
    [MemberData(nameof(Names))]
    public void Reinsert_AnyGenerations_PopulationSizeOfParentsOrOffspring(string name) =>
        Generations.Sample(g =>
        {
            var size = g.Parents.Length;
            var reinsertion = Reinsertion(name, size);

            var next = reinsertion.Reinsert(g.Parents, g.Offspring, size, g.Comparer);

            Assert.Equal(size, next.Count);
            Assert.Equal(size, next.Select(i => i.Id).Distinct().Count());
            Assert.All(next, i => Assert.True(g.Parents.Contains(i) || g.Offspring.Contains(i)));
        });

    [Fact]
    public void Elitist_AnyGenerations_KeepsTheBestParents() =>
        Gen.Select(Generations, Gen.Int[1, 5]).Sample((g, elites) =>
        {
            var size = g.Parents.Length;
            elites = Math.Min(elites, size - 1);

            var next = new ElitistReinsertion(elites).Reinsert(g.Parents, g.Offspring, size, g.Comparer);

            var bestParents = g.Parents.OrderByDescending(p => p.Fitness, g.Comparer).Take(elites).Select(p => p.Fitness);
            Assert.Equal(bestParents, next.Take(elites).Select(i => i.Fitness));
            Assert.All(next.Skip(elites), i => Assert.Contains(i, g.Offspring));
            Assert.True(g.Comparer.Compare(next.Select(i => i.Fitness).Max(g.Comparer), g.Parents.Select(i => i.Fitness).Max(g.Comparer)) >= 0);
        });

    [Fact]
    public void FitnessBased_AnyGenerations_TheBestOfBothTogether() =>
        Generations.Sample(g =>
        {
            var size = g.Parents.Length;

            var next = new FitnessBasedReinsertion().Reinsert(g.Parents, g.Offspring, size, g.Comparer);

            var expected = g.Parents.Concat(g.Offspring).Select(i => i.Fitness).OrderDescending(g.Comparer).Take(size);
            Assert.Equal(expected, next.Select(i => i.Fitness));
        });

    [Fact]
    public void FitnessBased_Ties_PreferOffspring()
    {
        var parents = Make([new FitnessInfo(1), new FitnessInfo(1)], 1);
        var offspring = Make([new FitnessInfo(1), new FitnessInfo(0)], 11);

        var next = new FitnessBasedReinsertion().Reinsert(parents, offspring, 2, FitnessComparer.Maximize);

        Assert.Equal([11L, 1L], next.Select(i => i.Id));
    }

    [Fact]
    public void Pure_MoreOffspring_TakesTheFirstInBreedingOrder()
    {
        var parents = Make([new FitnessInfo(9), new FitnessInfo(9)], 1);
        var offspring = Make([new FitnessInfo(0), new FitnessInfo(1), new FitnessInfo(5)], 11);

        var next = new PureReinsertion().Reinsert(parents, offspring, 2, FitnessComparer.Maximize);

        Assert.Equal([11L, 12L], next.Select(i => i.Id));
    }

    [Fact]
    public void ValidateSizes_ImpossibleSettings_ThrowWithReasons()
    {
        Assert.Contains("Elite count 4 must be smaller than the population size 4",
            Assert.Throws<ArgumentException>(() => new ElitistReinsertion(4).ValidateSizes(4, 10)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => new ElitistReinsertion(1).ValidateSizes(10, 8));
        Assert.Contains("at least as many offspring as places",
            Assert.Throws<ArgumentException>(() => new PureReinsertion().ValidateSizes(10, 9)).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new ElitistReinsertion(0));
    }

    private static IReinsertion Reinsertion(string name, int size) => name switch
    {
        "pure" => new PureReinsertion(),
        "elitist-1" => new ElitistReinsertion(1),
        "elitist-3" => new ElitistReinsertion(Math.Min(3, size - 1)),
        _ => new FitnessBasedReinsertion(),
    };

    private static Individual<IntegerGenome>[] Make(FitnessInfo[] fitness, long firstId) =>
        [.. fitness.Select((f, i) => new Individual<IntegerGenome>(new IntegerGenome([i], id: firstId + i), f))];
}
