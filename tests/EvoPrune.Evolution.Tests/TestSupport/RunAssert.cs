using EvoPrune.Evolution.Algorithms;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Tests.TestSupport;

/// <summary>Compares runs gene for gene.</summary>
internal static class RunAssert
{
    public static void Identical<TGenome>(GeneticAlgorithmSnapshot<TGenome> expected, GeneticAlgorithmSnapshot<TGenome> actual)
        where TGenome : class, IGenome<TGenome>
    {
        Assert.Equal(expected.Seed, actual.Seed);
        Assert.Equal(expected.Generation, actual.Generation);
        Assert.Equal(expected.NextGenomeId, actual.NextGenomeId);
        Assert.Equal(expected.History, actual.History);
        Assert.Equal(expected.Population.Count, actual.Population.Count);
        for (var i = 0; i < expected.Population.Count; i++)
        {
            var e = expected.Population.Individuals[i];
            var a = actual.Population.Individuals[i];
            Assert.Equal(e.Id, a.Id);
            Assert.Equal(e.Fitness, a.Fitness);
            Assert.True(e.Genome.HasSameGenes(a.Genome), $"Individual {i} (id {e.Id}) has different genes.");
        }

        Assert.Equal(expected.BestEver.Id, actual.BestEver.Id);
        Assert.True(expected.BestEver.Genome.HasSameGenes(actual.BestEver.Genome));
    }
}
