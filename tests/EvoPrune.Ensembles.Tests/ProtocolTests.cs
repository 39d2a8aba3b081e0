using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Protocol;
using EvoPrune.Ensembles.Search;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Ensembles.Tests;

public class ProtocolTests
{
    [SkippableFact]
    public void Run_IrisTwoFolds_ReportsEveryMethodAndRanks()
    {
        TestData.RequireOrSkip("iris");
        var options = new CifeOptions
        {
            Datasets = ["iris"], Folds = 2, Pool = new PoolSpec { Members = ["logreg", "gnb", "knn1", "knn5", "mlp8"] },
            Search = new SearchOptions { PopulationSize = 6, Generations = 3 },
        };
        var table = CifeProtocol.Run(options, TestData.Catalog);
        Assert.Equal(6, table.Methods.Count);
        Assert.Equal(12, table.Outcomes.Count);
        Assert.All(table.Outcomes, o => Assert.InRange(o.TestAccuracy, 0.7, 1.0));
        Assert.All(table.Outcomes, o => Assert.InRange(o.EnsembleSize, 1, 5));
        Assert.Equal(3.5, table.AverageRanks().Values.Average(), 10);
        Assert.Contains("| iris |", table.ToMarkdown(), StringComparison.Ordinal);
    }

    [Fact]
    public void Assign_Folds_AreStratifiedAndBalanced()
    {
        var labels = Enumerable.Range(0, 53).Select(i => i % 3 == 0 ? 1 : 0).ToArray();
        var folds = StratifiedFolds.Assign(labels, 2, 5, RandomSources.For(1, 0, -1, "cv"));
        var sizes = Enumerable.Range(0, 5).Select(f => folds.Count(x => x == f)).ToArray();
        Assert.True(sizes.Max() - sizes.Min() <= 1);
        var positives = Enumerable.Range(0, 5).Select(f => Enumerable.Range(0, 53).Count(i => folds[i] == f && labels[i] == 1)).ToArray();
        Assert.True(positives.Max() - positives.Min() <= 1);
    }

    [Fact]
    public void AverageRanks_Ties_ShareMeanRank()
    {
        var table = new ResultsTable(
            [new("d", 0, 0, "a", 0.9, 0, 1), new("d", 0, 0, "b", 0.9, 0, 1), new("d", 0, 0, "c", 0.5, 0, 1)], TimeSpan.Zero);
        var ranks = table.AverageRanks();
        Assert.Equal(1.5, ranks["a"]);
        Assert.Equal(1.5, ranks["b"]);
        Assert.Equal(3.0, ranks["c"]);
    }
}
