using System.Text.Json;
using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Storage;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests;

/// <summary>
/// A sparse-mask run whose workers lease four genomes at once and train them as one stack, against the same run one
/// genome at a time, on an in-process silo: every generation ends with the same best and mean fitness.
/// </summary>
[Collection(EngineRuns.Name)]
public sealed class BatchedRunTests
{
    [Fact]
    public async Task Run_PopulationBatchFour_SameHistoryAsOneAtATime()
    {
        RunStatus single, batched;
        double[] seconds;
        await using (var silos = await TestSilos.StartAsync<EngineConfigurator>())
        {
            single = await RunAsync(silos.Cluster, "batched-run-1", populationBatch: 1);
            batched = await RunAsync(silos.Cluster, "batched-run-4", populationBatch: 4);
            seconds = (await new FileRunStore(silos.Store).LoadReportsAsync("batched-run-4", 0)).Select(r => r.Seconds).ToArray();
        }

        Assert.Equal(RunPhase.Completed, single.Phase);
        Assert.Equal(RunPhase.Completed, batched.Phase);
        Assert.Equal(single.History.Count, batched.History.Count);

        // Batches really ran: a batch's reports share its wall time equally, so 8 genomes in batches of 4 carry at most
        // 2 distinct times, where one-at-a-time reports each carry their own.
        Assert.Equal(8, seconds.Length);
        Assert.InRange(seconds.Distinct().Count(), 1, 2);
        for (var g = 0; g < single.History.Count; g++)
        {
            Assert.Equal(0, batched.History[g].Failures);
            // Float rounding of the batched products may flip a prediction on a boundary: at most one of 200 samples.
            Assert.Equal(single.History[g].BestFitness, batched.History[g].BestFitness, 0.0051);
            Assert.Equal(single.History[g].MeanFitness, batched.History[g].MeanFitness, 0.0051);
        }
    }

    private static async Task<RunStatus> RunAsync(TestCluster cluster, string runId, int populationBatch)
    {
        var settings = new SparseMaskSettings
        {
            Data = new DataSpec { Dataset = "usps", ValidationFraction = 0.2, MaxTrain = 300, MaxValidation = 200 },
            Model = new ModelSpec { Architecture = "mlp", Hidden = [32] },
            Training = new TrainerOptions { Epochs = 1, LearningRate = 0.1, BatchSize = 50 },
            Density = 0.2,
            TournamentSize = 2,
            Elites = 1,
            PopulationBatch = populationBatch,
        };
        var spec = new RunSpec(runId, SparseMaskKind.KindName, 9, 2, 8, ["main"], JsonSerializer.Serialize(settings, SparseMaskKind.Json), "test")
        {
            LeaseBatch = populationBatch,
        };
        var run = cluster.Client.GetGrain<IRunGrain>(runId);
        var status = await run.StartAsync(spec);
        var until = DateTime.UtcNow.AddMinutes(3);
        while (!status.IsFinished && DateTime.UtcNow < until)
        {
            await Task.Delay(250);
            status = await run.GetStatusAsync();
        }

        return status;
    }

    /// <summary>The engine and a file store on the test silo.</summary>
    public sealed class EngineConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.AddEvoPruneFileStore(TestSilos.StoreOf(siloBuilder));
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
        }
    }
}
