using System.Text;
using System.Text.RegularExpressions;
using CsCheck;
using EvoPrune.Cli.Commands;
using EvoPrune.Cli.Configuration;
using EvoPrune.Cli.Hosting;
using EvoPrune.Cluster.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// Fuzzes the config reader with the real configs of <c>configs/</c>, mutated: lines deleted, duplicated or re-indented,
/// values swapped for wrong types, huge numbers, unicode or YAML syntax, unknown keys, deep nesting, truncation and random
/// bytes. Every case either reads into a spec its kind accepts or is refused with a <see cref="ConfigException"/> whose one
/// line names the file and a line; any other exception is a bug. A few refused cases then go through the real
/// <c>evoprune run</c>: exit 2, one line, no stack trace, nothing written. Seeds are fixed, so a failure reproduces.
/// </summary>
[Collection(SequentialProcesses.Name)]
public sealed partial class ConfigFuzzTests
{
    // CsCheck seed (its own format): the same cases on every run. A failure prints the seed of the failing case.
    private const string Seed = "0000000000001";
    private const int Iterations = 1500;

    private static readonly string[] Hostile =
    [
        "abc", "-1", "0", "1e309", "-1e309", "99999999999999999999", "NaN", ".inf", "[1, 2", "{", "}", "~", "null", "''", "'",
        "\"unterminated", "ǘ漢字🙂", "&a x", "*undefined", "!!binary AA==", "!custom x", "0x10", "true", "[]", "{}", "- x",
        new string('9', 400), "1.5", "2147483648", "-9223372036854775809", "\t", "a: b: c", "|", ">", "%YAML 1.1", "---", "...",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "? x", "@x", "`x", "\u0000", "\u202e",
    ];

    private static readonly string[] Configs = [.. Directory.GetFiles(Path.Combine(RunCommandTests.RepoRoot(), "configs"), "*.yaml").Order(StringComparer.Ordinal)];

    private static readonly Lazy<GenomeKindRegistry> Kinds = new(() =>
    {
        // The registry `run` checks a spec with, from the silo host it builds (not started).
        using var host = SiloHostBuilder.Build(new SiloSettings { Store = Path.GetTempPath() });
        return host.Services.GetRequiredService<GenomeKindRegistry>();
    });

    /// <summary>A config from configs/ with one to four mutations applied.</summary>
    private static readonly Gen<string> Mutated =
        Gen.Int[0, Configs.Length - 1].SelectMany(i => Mutation.Array[1, 4].Select(ms => ms.Aggregate(File.ReadAllText(Configs[i]), (text, m) => m(text))));

    private static Gen<Func<string, string>> Mutation => Gen.OneOf(
        Gen.Int[0, 1000].Select<int, Func<string, string>>(n => t => EditLine(t, n, (lines, k) => lines.RemoveAt(k))),
        Gen.Int[0, 1000].Select<int, Func<string, string>>(n => t => EditLine(t, n, (lines, k) => lines.Insert(k, lines[k]))),
        Gen.Int[0, 1000].Select<int, Func<string, string>>(n => t => EditLine(t, n, (lines, k) => lines[k] = "  " + lines[k])),
        Gen.Int[0, 1000].Select<int, Func<string, string>>(n => t => EditLine(t, n, (lines, k) => lines[k] = lines[k].TrimStart())),
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, Hostile.Length - 1], (n, h) => (Func<string, string>)(t => EditLine(t, n, (lines, k) => lines[k] = ReplaceValue(lines[k], Hostile[h])))),
        Gen.Select(Gen.Int[0, 1000], Gen.Int[0, 3], (n, indent) => (Func<string, string>)(t => EditLine(t, n, (lines, k) => lines.Insert(k, new string(' ', indent * 2) + "bogus-key: 1")))),
        Gen.Select(Gen.Int[0, 1000], Gen.Int[1, 300], (n, depth) => (Func<string, string>)(t => EditLine(t, n, (lines, k) => lines.Insert(k, Nested(depth))))),
        Gen.Double[0, 1].Select<double, Func<string, string>>(f => t => t[..(int)(t.Length * f)]),
        Gen.Select(Gen.Double[0, 1], Gen.Char.Array[1, 12], (f, chars) => (Func<string, string>)(t => t.Insert((int)(t.Length * f), new string(chars)))),
        Gen.Select(Gen.Double[0, 1], Gen.Byte.Array[1, 16], (f, bytes) => (Func<string, string>)(t => t.Insert((int)(t.Length * f), Encoding.Latin1.GetString(bytes)))));

    [Fact]
    public void Read_MutatedConfigs_ParseOrRefuseWithFileAndLine()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "fuzz.yaml");
        // One seeded sample of the whole list: the same cases on every run (a failure names the text of its case).
        Mutated.Array[Iterations].Sample(
            texts =>
            {
                foreach (var text in texts)
                {
                    File.WriteAllText(path, text);
                    Check(path, text);
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1,
            print: _ => "(the failing case is in the message)");
    }

    [Theory]
    [MemberData(nameof(Regressions))]
    public void Read_FoundByTheFuzzer_RefusedWithFileAndLine(string name, string text)
    {
        using var temp = new TempFolder();
        var path = temp.File("case.yaml", text);
        Assert.True(Check(path, text), $"{name}: expected a refusal");
    }

    /// <summary>Cases the fuzzer found, each a defect once (see the commit that fixed it).</summary>
    public static TheoryData<string, string> Regressions => new()
    {
        {
            "flow mapping left open, then a document marker as a value: YamlDotNet threw InvalidOperationException",
            """
            name: neat-wine
            seed: 3
            data:
              dataset: {
              validation: 0.2
            run:
              kind: neat
              generations: ---
              population: 150
            search:
              task: classification   # fitness 1 - mean squared error of the outputs against one-hot targets, on the training split
            """
        },
        {
            "architecture line deleted from an activations config: the kind's ArgumentException named no file or line",
            """
            name: relu-baseline
            data:
              dataset: fashion-mnist
              max-train: 8000
            model:
              init: pytorch
            run:
              kind: activations
            search:
              method: coevo
              standard: [relu]
            """
        },
    };

    [Fact]
    [Trait("Category", "Slow")]
    public async Task Run_MutatedConfigs_ExitTwoWithOneLineAndWriteNothing()
    {
        // The first refused cases of the fixed seed, through the real process.
        var cases = new List<string>();
        using var temp = new TempFolder();
        var probe = Path.Combine(temp.Path, "probe.yaml");
        Mutated.Array[200].Sample(
            texts =>
            {
                foreach (var text in texts)
                {
                    File.WriteAllText(probe, text);
                    if (cases.Count < 5 && Check(probe, text))
                    {
                        cases.Add(text);
                    }
                }
            },
            seed: Seed,
            iter: 1,
            threads: 1);
        Assert.Equal(5, cases.Count);

        foreach (var (text, i) in cases.Select((t, i) => (t, i)))
        {
            var config = temp.File($"case{i}.yaml", text);
            var store = Path.Combine(temp.Path, $"store{i}");
            var (exit, output) = await CliProcess.RunAsync(temp.Path, TimeSpan.FromSeconds(60), "run", config, "--store", store);
            var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            Assert.True(exit == 2, $"case {i}: exit {exit}\n{output}\n---\n{text}");
            Assert.True(lines.Length == 1, $"case {i}: {lines.Length} lines\n{output}");
            Assert.StartsWith($"evoprune: error: {config}:", lines[0], StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", output, StringComparison.Ordinal);
            Assert.False(Directory.Exists(store), $"case {i}: the store folder was created");
        }
    }

    // Reads and checks the spec as `run` does. True: refused as it should be; false: a valid spec. Anything else fails.
    private static bool Check(string path, string text)
    {
        try
        {
            var experiment = ExperimentConfigReader.Read(path);
            if (experiment.Run == null)
            {
                return false;
            }

            var spec = RunSpecFactory.Create(experiment, "fuzz", TimeProvider.System);
            RunSpecFactory.Validate(Kinds.Value, spec, experiment);
            return false;
        }
        catch (ConfigException ex)
        {
            Assert.True(FileAndLine().IsMatch(ex.Message) && ex.Message.StartsWith(path, StringComparison.Ordinal), $"message does not name the file and a line: {ex.Message}\n---\n{text}");
            Assert.DoesNotContain('\n', ex.Message);
            return true;
        }
        catch (Exception ex)
        {
            Assert.Fail($"{ex.GetType().Name} is not a refusal naming the file and line: {ex.Message}\n{ex.StackTrace}\n---\n{text}");
            throw;
        }
    }

    private static string EditLine(string text, int n, Action<List<string>, int> edit)
    {
        var lines = text.Split('\n').ToList();
        edit(lines, n % lines.Count);
        return string.Join('\n', lines);
    }

    private static string ReplaceValue(string line, string value)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? value : $"{line[..(colon + 1)]} {value}";
    }

    private static string Nested(int depth) =>
        string.Concat(Enumerable.Range(0, depth).Select(d => $"{new string(' ', d)}n{d}:\n")) + new string(' ', depth) + "leaf: 1";

    [GeneratedRegex(@":\d+(:\d+)?: ")]
    private static partial Regex FileAndLine();
}
