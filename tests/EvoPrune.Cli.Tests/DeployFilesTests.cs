using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace EvoPrune.Cli.Tests;

/// <summary>
/// No container engine here, so deploy/ is checked as far as files allow: every YAML parses, every evoprune option the
/// compose file and the manifests pass is one `evoprune silo --help` lists, every EVOPRUNE_* variable they set is read
/// by the source, and the image and ports agree between Dockerfile, compose and Kubernetes.
/// </summary>
[Collection(SequentialProcesses.Name)]
public sealed partial class DeployFilesTests
{
    [Fact]
    public async Task DeployFiles_ParseAndUseOnlyOptionsAndVariablesTheCliHas()
    {
        var deploy = Path.Combine(RunCommandTests.RepoRoot(), "deploy");
        var yamlFiles = Directory.GetFiles(deploy, "*.y*ml", SearchOption.AllDirectories);
        Assert.True(yamlFiles.Length >= 8, string.Join(", ", yamlFiles));
        var scalars = new List<string>();
        foreach (var file in yamlFiles)
        {
            var stream = new YamlStream();
            using (var reader = File.OpenText(file))
            {
                stream.Load(reader);
            }

            foreach (var document in stream.Documents)
            {
                Collect(document.RootNode, scalars);
            }
        }

        var (exit, help) = await CliProcess.RunAsync(Path.GetTempPath(), TimeSpan.FromMinutes(1), "silo", "--help");
        Assert.Equal(0, exit);
        var options = scalars.Where(s => s.StartsWith("--", StringComparison.Ordinal) && !s.Contains('=', StringComparison.Ordinal)).Distinct().ToArray();
        Assert.Contains("--listen", options);
        foreach (var option in options.Where(o => !o.StartsWith("--config=", StringComparison.Ordinal) && o != "--appendonly"))
        {
            Assert.Matches(new Regex($@"(^|\s){Regex.Escape(option)}(\s|,)", RegexOptions.Multiline), help);
        }

        var source = string.Concat(Directory.GetFiles(Path.Combine(RunCommandTests.RepoRoot(), "src"), "*.cs", SearchOption.AllDirectories).Select(File.ReadAllText));
        var variables = scalars.Concat(File.ReadAllLines(Path.Combine(deploy, "compose.yaml")))
            .SelectMany(s => Variable().Matches(s).Select(m => m.Value)).Distinct().ToArray();
        Assert.Contains("EVOPRUNE_STORE_PASSWORD_FILE", variables);
        foreach (var variable in variables.Where(v => v != "EVOPRUNE_DATA_HOST"))
        {
            Assert.True(source.Contains($"\"{variable}\"", StringComparison.Ordinal), $"{variable} is set in deploy/ but never read by src/");
        }

        var dockerfile = File.ReadAllText(Path.Combine(deploy, "Dockerfile"));
        Assert.Contains("EXPOSE 11111 30000 9464", dockerfile, StringComparison.Ordinal);
        Assert.Contains("-p:EvoPruneTorchVariant=${TORCH_VARIANT}", dockerfile, StringComparison.Ordinal);
        Assert.Contains("EvoPruneTorchVariant", File.ReadAllText(Path.Combine(RunCommandTests.RepoRoot(), "Directory.Build.props")), StringComparison.Ordinal);
        var silos = File.ReadAllText(Path.Combine(deploy, "k8s", "silos.yaml"));
        Assert.Contains("image: evoprune:", silos, StringComparison.Ordinal);
        Assert.Contains("image: evoprune:", File.ReadAllText(Path.Combine(deploy, "compose.yaml")), StringComparison.Ordinal);
        foreach (var port in new[] { "11111", "30000", "9464" })
        {
            Assert.Contains(port, silos, StringComparison.Ordinal);
        }

        Assert.Contains("nvidia.com/gpu", silos, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(deploy, "grafana", "evoprune-dashboard.json")));
    }

    private static void Collect(YamlNode node, List<string> scalars)
    {
        switch (node)
        {
            case YamlScalarNode scalar when scalar.Value != null:
                scalars.Add(scalar.Value);
                break;
            case YamlSequenceNode sequence:
                foreach (var child in sequence)
                {
                    Collect(child, scalars);
                }

                break;
            case YamlMappingNode mapping:
                foreach (var (key, value) in mapping)
                {
                    Collect(key, scalars);
                    Collect(value, scalars);
                }

                break;
        }
    }

    [GeneratedRegex("EVOPRUNE_[A-Z_]+")]
    private static partial Regex Variable();
}
