namespace EvoPrune.Cli.Tests;

/// <summary>
/// A table of hostile and mistaken inputs, each driven through the real <c>evoprune</c> process: every one must exit 2
/// within its time limit with one line naming the problem, no stack trace, and nothing written (the store folder is
/// never created). The number in each case's comment is the item of issue 18 it reproduces.
/// </summary>
[Collection(SequentialProcesses.Name)]
public class HostileInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    // {config}: a valid tiny run config; {store}: a store path that must stay absent; {dir}: the scratch folder.
    public static TheoryData<string, string[], string> Cases => new()
    {
        { "workers 0 never progresses (2)", ["run", "{config}", "--store", "{store}", "--workers", "0"], "--workers 0" },
        { "workers -1 (15)", ["run", "{config}", "--store", "{store}", "--workers", "-1"], "--workers -1" },
        { "threads -3 (15)", ["run", "{config}", "--store", "{store}", "--threads", "-3"], "--threads -3" },
        { "threads not a number (10)", ["run", "{config}", "--store", "{store}", "--threads", "abc"], "'abc'" },
        { "unknown option (10)", ["run", "{config}", "--store", "{store}", "--frobnicate"], "--frobnicate" },
        { "missing option value (10)", ["run", "{config}", "--store"], "--store" },
        { "unknown device (15)", ["run", "{config}", "--store", "{store}", "--device", "tpu"], "'tpu' is not a device" },
        { "CUDA device that is not there (8)", ["run", "{config}", "--store", "{store}", "--device", "cuda:99"], "cuda:99" },
        { "10,000-character run id (15)", ["run", "{config}", "--store", "{store}", "--run-id", new string('r', 10_000)], "10000 characters" },
        { "run id that is a path (11)", ["run", "{config}", "--store", "{store}", "--run-id", "../elsewhere/x"], "is a path" },
        { "config with --resume (13)", ["run", "{dir}/missing.yaml", "--resume", "some-run", "--store", "{store}"], "give no config file" },
        { "resume a path (11, 14)", ["run", "--resume", "../x/ID", "--store", "{store}"], "give 'ID' and the store with --store ../x" },
        { "inspect a path (11)", ["inspect", "../elsewhere/RUN", "--store", "{store}"], "is a path" },
        { "export a path (11)", ["export", "../elsewhere/RUN", "--store", "{store}"], "is a path" },
        { "inspect scale too large (7)", ["inspect", "some-run", "--store", "{store}", "--scale", "100000"], "--scale 100000" },
        { "config that is a folder (14)", ["run", "{dir}", "--store", "{store}"], "is a folder" },
        { "bad manifold option (14, 15)", ["run", "{dir}/manifold.yaml", "--store", "{store}"], "manifold.yaml:4:" },
        { "name unusable in a run id (14)", ["run", "{dir}/badname.yaml", "--store", "{store}"], "badname.yaml:1:" },
        { "CGP grid overflowing an int (12)", ["run", "{dir}/cgp.yaml", "--store", "{store}"], "at most 10000 nodes" },
        { "CGP program that does not parse (14)", ["run", "{dir}/cgp-bad.yaml", "--store", "{store}"], "does not parse" },
        { "Redis password in the URI query (14, 15)", ["silo", "--cluster", "redis://127.0.0.1:1?password=hunter2", "--store", "{store}"], "carries a password" },
        { "Redis unreachable (15)", ["silo", "--cluster", "redis://127.0.0.1:1", "--store", "{store}", "--port", "11911", "--gateway", "30911"], "cannot be reached" },
        { "silo port out of range", ["silo", "--port", "70000", "--store", "{store}"], "--port 70000" },
        { "gateway port 0", ["status", "--gateway", "0"], "--gateway 0" },
        { "cife with one fold", ["cife", "--folds", "1"], "--folds 1" },
        { "neat-bench with no runs", ["neat-bench", "--runs", "0"], "--runs 0" },
        { "neat-bench with an unknown fitness", ["neat-bench", "--task", "mux11", "--fitness", "cubic"], "--fitness cubic: must be absolute or squared" },
        { "neat-bench squared fitness for XOR", ["neat-bench", "--task", "xor", "--fitness", "squared"], "scores the multiplexer tasks" },
        { "neat-bench population of one", ["neat-bench", "--population", "1"], "--population 1" },
        { "export with no epochs", ["export", "some-run", "--store", "{store}", "--epochs", "0"], "--epochs 0" },
        { "submit a config naming a device (8)", ["submit", "{dir}/device.yaml", "--gateway", "39998"], "silos train on their own --device" },
        { "activations-compare config its kind refuses", ["activations-compare", "{dir}/activations-bad.yaml", "--store", "{store}", "--seeds", "1"], "activations-bad.yaml:8:" },
        { "status without a cluster (3)", ["status", "no-such-run", "--gateway", "39998"], "No cluster answered" },
        { "submit without a cluster (3)", ["submit", "{config}", "--gateway", "39998"], "No cluster answered" },
        { "stop without a cluster (3)", ["stop", "x", "--gateway", "39998"], "No cluster answered" },
        { "status list without a cluster (issue 19, 6)", ["status", "--gateway", "39998"], "No cluster answered" },
        { "resume without a cluster (issue 19, 6)", ["resume", "x", "--wait", "--gateway", "39998"], "No cluster answered" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Cli_HostileInput_ExitsTwoWithOneLineAndWritesNothing(string name, string[] args, string expected)
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 1, population: 2));
        temp.File("manifold.yaml", "name: m\ndata:\n  dataset: manifold\n  manifold: D=64,K=4,bogus=3\n");
        temp.File("badname.yaml", "name: 'no spaces/slashes'\n" + TestConfigs.TinyRun().Replace("name: tiny\n", string.Empty, StringComparison.Ordinal));
        temp.File("cgp.yaml", TestConfigs.TinyRun().Replace("hidden: [64]", "hidden: [64]\n  activation: 'cgp:65536.65536.1:0'", StringComparison.Ordinal));
        temp.File("device.yaml", "device: cpu\n" + TestConfigs.TinyRun());
        temp.File("cgp-bad.yaml", TestConfigs.TinyRun().Replace("hidden: [64]", "hidden: [64]\n  activation: 'cgp:5.5.5:1,2,x'", StringComparison.Ordinal));
        temp.File("activations-bad.yaml", "name: act\nseed: 1\ndata:\n  dataset: usps\nmodel:\n  architecture: lenet300-100\nrun:\n  kind: activations\nsearch:\n  method: coevo\n");
        var store = Path.Combine(temp.Path, "store");
        var expanded = args.Select(a => a.Replace("{config}", config, StringComparison.Ordinal).Replace("{store}", store, StringComparison.Ordinal).Replace("{dir}", temp.Path, StringComparison.Ordinal)).ToArray();

        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, expanded);

        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(exit == 2, $"{name}: exit {exit}\n{output}");
        Assert.True(lines.Length == 1, $"{name}: {lines.Length} lines\n{output}");
        Assert.StartsWith("evoprune: error: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
        Assert.False(Directory.Exists(store), $"{name}: the store folder was created");
    }
}
