using EvoPrune.Cluster.Contracts;
using EvoPrune.Cluster.Storage;

namespace EvoPrune.Cluster.Tests;

public sealed class FileRunStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "evoprune-store-tests", Guid.NewGuid().ToString("N"));
    private readonly FileRunStore _store;

    public FileRunStoreTests()
    {
        _store = new FileRunStore(_root);
    }

    [Fact]
    public void SaveCheckpoint_KeepN_KeepsOnlyTheNewestN()
    {
        for (var g = 0; g < 6; g++)
        {
            _store.SaveCheckpoint(Checkpoint("run", g), keep: 3);
        }

        var files = Directory.GetFiles(Path.Combine(_root, "run", "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["gen-000003.ckpt", "gen-000004.ckpt", "gen-000005.ckpt"], files);
        Assert.Equal(5, _store.LoadLatestCheckpoint("run", _ => { })!.Generation);
    }

    [Fact]
    public void LoadLatestCheckpoint_NewestTruncated_WarnsNamingItAndReturnsThePreviousOne()
    {
        _store.SaveCheckpoint(Checkpoint("run", 0), 5);
        _store.SaveCheckpoint(Checkpoint("run", 1), 5);
        var newest = Path.Combine(_root, "run", "checkpoints", "gen-000001.ckpt");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length - 10)]);

        var warnings = new List<string>();
        var loaded = _store.LoadLatestCheckpoint("run", warnings.Add);

        Assert.Equal(0, loaded!.Generation);
        var warning = Assert.Single(warnings);
        Assert.Contains(newest, warning, StringComparison.Ordinal);
        Assert.Contains("truncated", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadLatestCheckpoint_OneByteFlipped_IsRejectedByTheChecksum()
    {
        _store.SaveCheckpoint(Checkpoint("run", 0), 5);
        _store.SaveCheckpoint(Checkpoint("run", 1), 5);
        var newest = Path.Combine(_root, "run", "checkpoints", "gen-000001.ckpt");
        var bytes = File.ReadAllBytes(newest);
        bytes[^5] ^= 0x20;
        File.WriteAllBytes(newest, bytes);

        var warnings = new List<string>();
        Assert.Equal(0, _store.LoadLatestCheckpoint("run", warnings.Add)!.Generation);
        Assert.Contains("checksum mismatch", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public void LoadLatestCheckpoint_RoundTrip_KeepsGenomesAndFitness()
    {
        var original = Checkpoint("run", 4);
        _store.SaveCheckpoint(original, 5);
        var loaded = _store.LoadLatestCheckpoint("run", _ => { })!;

        var member = loaded.Populations[0].Members[0];
        Assert.Equal(original.Populations[0].Members[0].Genome.Payload, member.Genome.Payload);
        Assert.Equal(0.75, member.Report.Fitness);
        Assert.Equal(0.9, member.Report.Scores["sparsity"]);
        Assert.Equal(FitnessReport.WorstFitness, loaded.Populations[0].Members[1].Report.Fitness);
        Assert.Equal("NaN loss", loaded.Populations[0].Members[1].Report.Failure);
        Assert.Equal([1, 2, 3], loaded.Populations[0].StrategyState);
    }

    [Fact]
    public void LoadReports_LastLineCutByACrash_KeepsTheCompleteOnes()
    {
        _store.AppendReport("run", 2, Report("a", 0.5));
        _store.AppendReport("run", 2, Report("b", 0.6));
        File.AppendAllText(Path.Combine(_root, "run", "reports", "gen-000002.jsonl"), "{\"genomeId\":\"c\",\"fitn");

        var reports = _store.LoadReports("run", 2);

        Assert.Equal(["a", "b"], reports.Select(r => r.GenomeId));
        Assert.Empty(_store.LoadReports("run", 3));
    }

    [Fact]
    public void SaveRecord_ThenLoad_GivesTheSameSpecAndPhase()
    {
        var spec = new RunSpec("run", "sparse-mask", 42, 8, 12, ["main"], "{}", "configs/x.yaml") { KeepCheckpoints = 3 };
        _store.SaveRecord(new RunRecord(spec, RunPhase.Evaluating, null, DateTimeOffset.UnixEpoch));

        var loaded = _store.LoadRecord("run")!;

        Assert.Equal(RunPhase.Evaluating, loaded.Phase);
        Assert.Equal(42UL, loaded.Spec.Seed);
        Assert.Equal(3, loaded.Spec.KeepCheckpoints);
        Assert.Equal(["main"], loaded.Spec.Populations);
        Assert.True(_store.Exists("run"));
        Assert.Equal(["run"], _store.ListRuns());
    }

    [Fact]
    public void EnsureWritable_RootUnderAFile_ThrowsNamingTheRoot()
    {
        Directory.CreateDirectory(_root);
        var file = Path.Combine(_root, "file");
        File.WriteAllText(file, "x");
        var store = new FileRunStore(Path.Combine(file, "store"));

        var ex = Assert.Throws<IOException>(store.EnsureWritable);
        Assert.Contains(Path.Combine(file, "store"), ex.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static FitnessReport Report(string id, double fitness) =>
        new(id, fitness, new Dictionary<string, double> { ["sparsity"] = 0.9 }, null, "silo-a", "cpu", 1.5);

    private static Checkpoint Checkpoint(string runId, int generation)
    {
        var good = new ScoredGenome(new GenomeRecord("main-g0-0", "main", 0, 0, [0xAB, 0x01]), Report("main-g0-0", 0.75));
        var bad = new ScoredGenome(new GenomeRecord("main-g0-1", "main", 0, 1, [0x00]), FitnessReport.ForFailure("main-g0-1", "NaN loss", "silo-b", "cpu", 0.1));
        var population = new PopulationSnapshot("main", generation, [good, bad], [1, 2, 3]);
        return new Checkpoint(runId, generation, [population], []);
    }
}
