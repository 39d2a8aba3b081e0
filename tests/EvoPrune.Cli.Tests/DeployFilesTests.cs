using System.Text.RegularExpressions;
using Microsoft.Extensions.FileSystemGlobbing;
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

    [Fact]
    public void Dockerfile_CleanClone_RestoresFromProjectFilesFirstWithASmallContext()
    {
        var root = RunCommandTests.RepoRoot();
        var lines = File.ReadAllLines(Path.Combine(root, "deploy", "Dockerfile"));
        var restore = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet restore src/EvoPrune.Cli/EvoPrune.Cli.csproj", StringComparison.Ordinal));
        var sources = Array.IndexOf(lines, "COPY src/ src/");
        var publish = Array.FindIndex(lines, l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        Assert.True(restore > 0 && sources > restore && publish > sources, "restore from project files, then copy sources, then publish");
        Assert.Contains("--no-restore", lines[publish], StringComparison.Ordinal);
        Assert.Contains("-p:EvoPruneTorchVariant=${TORCH_VARIANT}", lines[restore], StringComparison.Ordinal);

        // Every project the CLI builds from, and the build-wide files, are in the layers before the restore.
        var beforeRestore = string.Join('\n', lines.Take(restore));
        foreach (var project in ProjectClosure(Path.Combine(root, "src", "EvoPrune.Cli", "EvoPrune.Cli.csproj")))
        {
            var relative = Path.GetRelativePath(root, project);
            Assert.Contains($"COPY {relative} {Path.GetDirectoryName(relative)}/", beforeRestore, StringComparison.Ordinal);
        }

        Assert.Contains("COPY Directory.Build.props Directory.Build.targets Directory.Packages.props ./", beforeRestore, StringComparison.Ordinal);
        Assert.Contains("COPY build/ build/", beforeRestore, StringComparison.Ordinal);
        // The CLI is an ASP.NET Core application (metrics and dashboard): the runtime stage needs the aspnet image.
        Assert.Contains("Microsoft.AspNetCore.App", File.ReadAllText(Path.Combine(root, "src", "EvoPrune.Cli", "EvoPrune.Cli.csproj")), StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("FROM mcr.microsoft.com/dotnet/aspnet:", StringComparison.Ordinal));

        // The context .dockerignore leaves: everything the Dockerfile copies, and no build output, .git or store.
        var ignore = File.ReadAllLines(Path.Combine(root, ".dockerignore")).Where(l => l.Length > 0 && l[0] != '#').ToArray();
        var matcher = new Matcher();
        matcher.AddInclude("**/*");
        foreach (var pattern in ignore)
        {
            // As in Docker, a pattern excludes the file or the whole folder it names.
            matcher.AddExclude(pattern.TrimEnd('/'));
            matcher.AddExclude(pattern.TrimEnd('/') + "/**");
        }

        var context = matcher.GetResultsInFullPath(root).Select(f => Path.GetRelativePath(root, f)).ToArray();
        var leaked = context.Where(f => f.Split(Path.DirectorySeparatorChar).Any(d => d is "bin" or "obj" or ".git")).Take(5).ToArray();
        Assert.True(leaked.Length == 0, string.Join(", ", leaked));
        foreach (var copied in new[] { "Directory.Build.props", "Directory.Packages.props", "build/TorchSharpNative/TorchSharpNative.targets", "src/EvoPrune.Cli/Program.cs", "configs/quickstart.yaml" })
        {
            Assert.Contains(copied, context);
        }

        var bytes = context.Sum(f => new FileInfo(Path.Combine(root, f)).Length);
        Assert.True(bytes < 100L * 1024 * 1024, $"build context {bytes / (1024 * 1024)} MB");
    }

    [Fact]
    public void DeployFiles_SiloPorts_AgreeBetweenArgumentsManifestsAndDockerfile()
    {
        var deploy = Path.Combine(RunCommandTests.RepoRoot(), "deploy");
        var expose = File.ReadAllLines(Path.Combine(deploy, "Dockerfile")).Single(l => l.StartsWith("EXPOSE ", StringComparison.Ordinal)).Split(' ').Skip(1).ToArray();
        var compose = Load(Path.Combine(deploy, "compose.yaml"))[0];
        var composeArgs = Sequence(Child(Child(Child(compose, "services"), "silo"), "command"));
        var silos = Load(Path.Combine(deploy, "k8s", "silos.yaml"));
        var pod = Child(Child(Child(silos[0], "spec"), "template"), "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)Child(pod, "containers")).Children[0];
        var k8sArgs = Sequence(Child(container, "args"));
        var containerPorts = ((YamlSequenceNode)Child(container, "ports")).Cast<YamlMappingNode>()
            .ToDictionary(p => Scalar(Child(p, "name")), p => Scalar(Child(p, "containerPort")));
        var servicePorts = ((YamlSequenceNode)Child(Child(silos[1], "spec"), "ports")).Cast<YamlMappingNode>()
            .ToDictionary(p => Scalar(Child(p, "name")), p => Scalar(Child(p, "port")));
        var annotations = (YamlMappingNode)Child(Child(Child(silos[0], "spec"), "template"), "metadata")["annotations"];

        foreach (var (option, name) in new[] { ("--port", "silo"), ("--gateway", "gateway") })
        {
            Assert.Equal(ValueAfter(composeArgs, option), ValueAfter(k8sArgs, option));
            Assert.Equal(ValueAfter(k8sArgs, option), containerPorts[name]);
            Assert.Equal(containerPorts[name], servicePorts[name]);
            Assert.Contains(containerPorts[name], expose);
        }

        var metrics = ValueAfter(k8sArgs, "--prometheus-port");
        Assert.Equal(metrics, containerPorts["metrics"]);
        Assert.Equal(metrics, servicePorts["metrics"]);
        Assert.Equal(metrics, Scalar(annotations["prometheus.io/port"]));
        Assert.Contains(metrics, expose);
        Assert.Equal("0.0.0.0", ValueAfter(composeArgs, "--listen"));
    }

    [SkippableFact]
    public async Task K8sManifests_DecodeAsTypedKubernetesObjectsUnderKubectlOffline()
    {
        // No cluster here, and `kubectl create --dry-run=client` asks one for its API list; the --local forms of label and
        // set env need none. label parses every document (kind and apiVersion known to kubectl); set env decodes each
        // workload into Kubernetes' typed objects (a port given as text, a wrong-typed field fails) and writes it back.
        var kubectl = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':').Select(d => Path.Combine(d, "kubectl")).FirstOrDefault(File.Exists);
        if (kubectl == null)
        {
            Assert.False(LoopbackServers.Required, "EVOPRUNE_REQUIRE_SERVERS=1 but kubectl is not installed");
            Skip.If(true, "kubectl not installed");
        }

        var k8s = Path.Combine(RunCommandTests.RepoRoot(), "deploy", "k8s");
        var (exit, output) = await RunAsync(kubectl!, "label", "--local", "-f", k8s, "-o", "name", "evoprune.check=1");
        Assert.True(exit == 0, output);
        foreach (var expected in new[] { "namespace/evoprune", "secret/evoprune-credentials", "statefulset.apps/postgres", "service/postgres", "deployment.apps/redis", "service/redis", "statefulset.apps/evoprune-silo", "service/evoprune-silo" })
        {
            Assert.Contains(expected, output.Split('\n', StringSplitOptions.TrimEntries));
        }

        using var temp = new TempFolder();
        var workloads = 0;
        foreach (var file in Directory.GetFiles(k8s, "*.yaml"))
        {
            foreach (var document in Regex.Split(File.ReadAllText(file), @"^---\s*$", RegexOptions.Multiline).Where(d => Regex.IsMatch(d, @"^kind: (StatefulSet|Deployment)\s*$", RegexOptions.Multiline)))
            {
                var single = temp.File($"workload-{workloads++}.yaml", document);
                (exit, output) = await RunAsync(kubectl!, "set", "env", "--local", "-f", single, "-o", "yaml", "EVOPRUNE_CHECK=1");
                Assert.True(exit == 0, $"{Path.GetFileName(file)}: {output}");
                Assert.Contains("name: EVOPRUNE_CHECK", output, StringComparison.Ordinal);
            }
        }

        Assert.Equal(3, workloads);
    }

    [Fact]
    public void ReadmeClusterSetup_CreatesTheRoleBeforeItsDatabaseAndKeepsRedisDataOutOfTheCheckout()
    {
        // Issue 19 item 10: createdb -U evoprune needed a role README never made; redis-server left dump.rdb in the checkout.
        var root = RunCommandTests.RepoRoot();
        var readme = File.ReadAllText(Path.Combine(root, "README.md"));
        var block = Regex.Matches(readme, "```bash\n(.*?)```", RegexOptions.Singleline).Select(m => m.Groups[1].Value)
            .Single(b => b.Contains("redis-server", StringComparison.Ordinal) && b.Contains("EVOPRUNE_STORE=postgres://", StringComparison.Ordinal));
        var lines = block.Split('\n');
        var role = Array.FindIndex(lines, l => Regex.IsMatch(l, @"\bcreateuser\b.*\bevoprune\b"));
        var database = Array.FindIndex(lines, l => Regex.IsMatch(l, @"\bcreatedb\b.*--owner evoprune evoprune\b"));
        Assert.True(role >= 0 && database > role, block);

        var redis = lines.Single(l => l.StartsWith("redis-server ", StringComparison.Ordinal));
        var dir = Regex.Match(redis, @"--dir (\S+)");
        Assert.True(dir.Success, redis);
        Assert.Matches("^(~|/|\\$HOME)", dir.Groups[1].Value);
        var made = Array.FindIndex(lines, l => l.StartsWith("mkdir -p " + dir.Groups[1].Value, StringComparison.Ordinal));
        Assert.True(made >= 0 && made < Array.IndexOf(lines, redis), block);

        // What an older README or a bare redis-server leaves behind is ignored, not committed by accident.
        var ignored = File.ReadAllLines(Path.Combine(root, ".gitignore"));
        Assert.Contains("dump.rdb", ignored);
        Assert.Contains("/reports/", ignored);
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string exe, params string[] args)
    {
        using var process = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(exe, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var stdout = process.StandardOutput.ReadToEndAsync(limit.Token);
        var stderr = process.StandardError.ReadToEndAsync(limit.Token);
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([Path.GetFullPath(project)]);
        while (pending.TryPop(out var next))
        {
            if (seen.Add(next))
            {
                foreach (Match reference in ProjectReference().Matches(File.ReadAllText(next)))
                {
                    pending.Push(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(next)!, reference.Groups[1].Value.Replace('\\', '/'))));
                }
            }
        }

        return seen;
    }

    private static List<YamlMappingNode> Load(string file)
    {
        var stream = new YamlStream();
        using (var reader = File.OpenText(file))
        {
            stream.Load(reader);
        }

        return stream.Documents.Select(d => (YamlMappingNode)d.RootNode).ToList();
    }

    private static YamlNode Child(YamlNode node, string key) => ((YamlMappingNode)node)[key];

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value!;

    private static string[] Sequence(YamlNode node) => ((YamlSequenceNode)node).Select(Scalar).ToArray();

    private static string ValueAfter(string[] args, string option) => args[Array.IndexOf(args, option) + 1];

    [GeneratedRegex("<ProjectReference Include=\"([^\"]+)\"")]
    private static partial Regex ProjectReference();

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
