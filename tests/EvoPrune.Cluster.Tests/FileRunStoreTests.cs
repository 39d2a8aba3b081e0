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
    public async Task SaveCheckpoint_KeepN_KeepsOnlyTheNewestN()
    {
        for (var g = 0; g < 6; g++)
        {
            await _store.SaveCheckpointAsync(Checkpoint("run", g), keep: 3);
        }

        var files = Directory.GetFiles(Path.Combine(_root, "run", "checkpoints")).Select(Path.GetFileName).Order(StringComparer.Ordinal);
        Assert.Equal(["gen-000003.ckpt", "gen-000004.ckpt", "gen-000005.ckpt"], files);
        Assert.Equal(5, (await _store.LoadLatestCheckpointAsync("run", _ => { }))!.Generation);
    }

    [Fact]
    public async Task LoadLatestCheckpoint_NewestTruncated_WarnsNamingItAndReturnsThePreviousOne()
    {
        await _store.SaveCheckpointAsync(Checkpoint("run", 0), 5);
        await _store.SaveCheckpointAsync(Checkpoint("run", 1), 5);
        var newest = Path.Combine(_root, "run", "checkpoints", "gen-000001.ckpt");
        var bytes = File.ReadAllBytes(newest);
        File.WriteAllBytes(newest, bytes[..(bytes.Length - 10)]);

        var warnings = new List<string>();
        var loaded = (await _store.LoadLatestCheckpointAsync("run", warnings.Add));

        Assert.Equal(0, loaded!.Generation);
        var warning = Assert.Single(warnings);
        Assert.Contains(newest, warning, StringComparison.Ordinal);
        Assert.Contains("truncated", warning, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadLatestCheckpoint_OneByteFlipped_IsRejectedByTheChecksum()
    {
        await _store.SaveCheckpointAsync(Checkpoint("run", 0), 5);
        await _store.SaveCheckpointAsync(Checkpoint("run", 1), 5);
        var newest = Path.Combine(_root, "run", "checkpoints", "gen-000001.ckpt");
        var bytes = File.ReadAllBytes(newest);
        bytes[^5] ^= 0x20;
        File.WriteAllBytes(newest, bytes);

        var warnings = new List<string>();
        Assert.Equal(0, (await _store.LoadLatestCheckpointAsync("run", warnings.Add))!.Generation);
        Assert.Contains("checksum mismatch", Assert.Single(warnings), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadLatestCheckpoint_RoundTrip_KeepsGenomesAndFitness()
    {
        var original = Checkpoint("run", 4);
        await _store.SaveCheckpointAsync(original, 5);
        var loaded = (await _store.LoadLatestCheckpointAsync("run", _ => { }))!;

        var member = loaded.Populations[0].Members[0];
        Assert.Equal(original.Populations[0].Members[0].Genome.Payload, member.Genome.Payload);
        Assert.Equal(0.75, member.Report.Fitness);
        Assert.Equal(0.9, member.Report.Scores["sparsity"]);
        Assert.Equal(FitnessReport.WorstFitness, loaded.Populations[0].Members[1].Report.Fitness);
        Assert.Equal("NaN loss", loaded.Populations[0].Members[1].Report.Failure);
        Assert.Equal([1, 2, 3], loaded.Populations[0].StrategyState);
    }

    [Fact]
    public async Task LoadReports_LastLineCutByACrash_KeepsTheCompleteOnesAndWarns()
    {
        await _store.AppendReportsAsync("run", 2, [Report("a", 0.5)]);
        await _store.AppendReportsAsync("run", 2, [Report("b", 0.6)]);
        var path = Path.Combine(_root, "run", "reports", "gen-000000-000099.jsonl");
        File.AppendAllText(path, "{\"generation\":2,\"genomeId\":\"c\",\"fitn");

        var warnings = new List<string>();
        var reports = await _store.LoadReportsAsync("run", 2, warnings.Add);

        Assert.Equal(["a", "b"], reports.Select(r => r.GenomeId));
        Assert.Contains($"{path}:3", Assert.Single(warnings), StringComparison.Ordinal);
        Assert.Empty(await _store.LoadReportsAsync("run", 3));
    }

    [Fact]
    public async Task AppendReports_AfterATornLine_StartsOnAFreshLineSoTheNewReportIsKept()
    {
        await _store.AppendReportsAsync("run", 2, [Report("a", 0.5)]);
        File.AppendAllText(Path.Combine(_root, "run", "reports", "gen-000000-000099.jsonl"), "{\"generation\":2,\"genomeId\":\"c\",\"fitn");

        await _store.AppendReportsAsync("run", 2, [Report("d", 0.7), Report("e", 0.8)]);
        var warnings = new List<string>();
        var reports = await _store.LoadReportsAsync("run", 2, warnings.Add);

        Assert.Equal(["a", "d", "e"], reports.Select(r => r.GenomeId));
        Assert.Single(warnings);
    }

    [Fact]
    public async Task AppendReports_Batch_WritesOneSerialisedReportPerLine()
    {
        FitnessReport[] reports =
        [
            new("main-g2-0", 0.5, new Dictionary<string, double> { ["accuracy"] = 0.5, ["sparsity"] = 0.9 }, null, "S127.0.0.1:11111:1", "cpu", 0.25),
            FitnessReport.ForFailure("main-g2-1", "NaN loss \"x\" \u00e9", "S127.0.0.1:11111:1", "cpu", 1.5),
        ];

        await _store.AppendReportsAsync("run", 2, reports);
        await _store.AppendReportsAsync("run", 2, [Report("c", 0.7)]);

        var text = File.ReadAllText(Path.Combine(_root, "run", "reports", "gen-000000-000099.jsonl"));
        var expected = string.Concat(reports.Append(Report("c", 0.7)).Select(r => "{\"generation\":2," + System.Text.Json.JsonSerializer.Serialize(r, StoreJson.Compact)[1..] + "\n"));
        Assert.Equal(expected, text);
        Assert.Equal(["main-g2-0", "main-g2-1", "c"], (await _store.LoadReportsAsync("run", 2)).Select(r => r.GenomeId));
    }

    [Fact]
    public async Task AppendReports_ManyGenerations_ShareOneFilePerHundredAndEachLoadsItsOwn()
    {
        for (var generation = 0; generation < 205; generation++)
        {
            await _store.AppendReportsAsync("run", generation, [Report($"g{generation}-a", generation), Report($"g{generation}-b", -generation)]);
        }

        await _store.AppendReportsAsync("run", [new ReportBatch(99, [Report("g99-c", 1)]), new ReportBatch(100, [Report("g100-c", 2)]), new ReportBatch(7, [])]);

        Assert.Equal(["gen-000000-000099.jsonl", "gen-000100-000199.jsonl", "gen-000200-000299.jsonl"], Directory.GetFiles(Path.Combine(_root, "run", "reports")).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        for (var generation = 0; generation < 205; generation++)
        {
            var reports = await _store.LoadReportsAsync("run", generation);
            var expected = new[] { $"g{generation}-a", $"g{generation}-b" }.Concat(generation is 99 or 100 ? [$"g{generation}-c"] : []);
            Assert.Equal(expected, reports.Select(r => r.GenomeId));
            Assert.Equal(generation, reports[0].Fitness);
        }

        Assert.Empty(await _store.LoadReportsAsync("run", 205));
        Assert.Empty(await _store.LoadReportsAsync("other", 0));
    }

    [Fact]
    public async Task LoadReports_FileGrownOrWrittenAnewSinceTheLastLoad_ReadsWhatTheFileHoldsNow()
    {
        await _store.AppendReportsAsync("run", 3, [Report("a", 1)]);
        Assert.Equal(["a"], (await _store.LoadReportsAsync("run", 3)).Select(r => r.GenomeId));

        // Grown: the reports appended since are read too (a replay meets the generation that was in flight).
        await _store.AppendReportsAsync("run", 3, [Report("b", 2)]);
        await _store.AppendReportsAsync("run", 4, [Report("c", 3)]);
        Assert.Equal(["a", "b"], (await _store.LoadReportsAsync("run", 3)).Select(r => r.GenomeId));
        Assert.Equal(["c"], (await _store.LoadReportsAsync("run", 4)).Select(r => r.GenomeId));

        // The run deleted and run again under its name: the new file is read, not what was parsed of the old one.
        Directory.Delete(Path.Combine(_root, "run"), recursive: true);
        await _store.AppendReportsAsync("run", 3, [Report("x", 4), Report("y", 5), Report("z", 6)]);
        Assert.Equal(["x", "y", "z"], (await _store.LoadReportsAsync("run", 3)).Select(r => r.GenomeId));
        Assert.Empty(await _store.LoadReportsAsync("run", 4));
    }

    [Fact]
    public async Task LoadReports_StoreOfAnEarlierVersion_ReadsItsFilePerGeneration()
    {
        // Earlier versions wrote reports/gen-NNNNNN.jsonl per generation, each line the report alone.
        var folder = Directory.CreateDirectory(Path.Combine(_root, "old", "reports")).FullName;
        File.WriteAllText(Path.Combine(folder, "gen-000004.jsonl"), string.Concat(new[] { Report("a", 1), Report("b", 2) }.Select(r => System.Text.Json.JsonSerializer.Serialize(r, StoreJson.Compact) + "\n")));
        await _store.AppendReportsAsync("old", 4, [Report("c", 3)]);

        Assert.Equal(["a", "b", "c"], (await _store.LoadReportsAsync("old", 4)).Select(r => r.GenomeId));
        Assert.Empty(await _store.LoadReportsAsync("old", 5));
    }

    [Fact]
    public void ReportJson_EveryKindOfValue_IsByteForByteWhatTheSerializerWrites()
    {
        FitnessReport[] reports =
        [
            new("main-g0-0", double.NaN, new Dictionary<string, double> { ["a\"b"] = double.PositiveInfinity, ["<c>"] = double.NegativeInfinity, ["d"] = -0.0 }, "x\ny\t\u0001 \u00e9 \U0001F600", "S127.0.0.1:1:2", "cuda:0", 1.2345678901234567e-7),
            new("g", FitnessReport.WorstFitness, new Dictionary<string, double>(), null, "", "cpu", double.Epsilon),
            new("h", 1e300, null!, "", "s", "cpu", 0),
            new("i", 0.1 + 0.2, new Dictionary<string, double> { ["hidden_nodes"] = 3, ["solved"] = 1, ["n"] = -7, ["z"] = 0 }, null, "s", "cpu", double.MaxValue),
            new("j", 999_999_999_999_999, new Dictionary<string, double> { ["a"] = 1e15, ["b"] = -1e15, ["c"] = -999_999_999_999_999, ["d"] = 123456789012.5, ["e"] = 1e14 }, null, "s", "cpu", 2),
        ];

        foreach (var report in reports)
        {
            Assert.Equal(System.Text.Json.JsonSerializer.Serialize(report, StoreJson.Compact) + "\n", ReportJson.WithLines([report], lines => System.Text.Encoding.UTF8.GetString(lines)));
        }

        // All at once, then one short report on the same thread: the reused buffer holds only the call's own lines.
        Assert.Equal(string.Concat(reports.Select(r => System.Text.Json.JsonSerializer.Serialize(r, StoreJson.Compact) + "\n")), ReportJson.WithLines(reports, lines => System.Text.Encoding.UTF8.GetString(lines)));
        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(reports[1], StoreJson.Compact) + "\n", ReportJson.WithLines([reports[1]], lines => System.Text.Encoding.UTF8.GetString(lines)));

        // Tagged with their generations: the same objects, each starting with its generation, which reads back.
        var tagged = ReportJson.WithTaggedLines([new ReportBatch(12, reports[..2]), new ReportBatch(0, reports[2..])], lines => System.Text.Encoding.UTF8.GetString(lines)).Split('\n')[..^1];
        Assert.Equal(reports.Select((r, i) => $"{{\"generation\":{(i < 2 ? 12 : 0)}," + System.Text.Json.JsonSerializer.Serialize(r, StoreJson.Compact)[1..]), tagged);
        Assert.Equal([12, 12, 0, 0, 0], tagged.Select(l => ReportJson.Generation(System.Text.Encoding.UTF8.GetBytes(l))));
        Assert.Null(ReportJson.Generation("{\"genomeId\":\"a\"}"u8));
        Assert.Null(ReportJson.Generation("{\"generation\":1"u8[..10]));
    }

    [Fact]
    public async Task LoadRecord_ValidChecksumButNotARecord_ThrowsNamingTheFile()
    {
        var spec = new RunSpec("run", "sparse-mask", 42, 8, 12, ["main"], "{}", "configs/x.yaml");
        await _store.SaveRecordAsync(new RunRecord(spec, RunPhase.Evaluating, null, DateTimeOffset.UnixEpoch));
        var path = Path.Combine(_root, "run", "run.json");
        File.WriteAllText(path, string.Empty);

        var empty = await Assert.ThrowsAsync<InvalidDataException>(() => _store.LoadRecordAsync("run"));
        Assert.Contains(path, empty.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SaveRecord_ThenLoad_GivesTheSameSpecAndPhase()
    {
        var spec = new RunSpec("run", "sparse-mask", 42, 8, 12, ["main"], "{}", "configs/x.yaml") { KeepCheckpoints = 3 };
        await _store.SaveRecordAsync(new RunRecord(spec, RunPhase.Evaluating, null, DateTimeOffset.UnixEpoch));

        var loaded = (await _store.LoadRecordAsync("run"))!;

        Assert.Equal(RunPhase.Evaluating, loaded.Phase);
        Assert.Equal(42UL, loaded.Spec.Seed);
        Assert.Equal(3, loaded.Spec.KeepCheckpoints);
        Assert.Equal(["main"], loaded.Spec.Populations);
        Assert.True((await _store.ExistsAsync("run")));
        Assert.Equal(["run"], (await _store.ListRunsAsync()));
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
