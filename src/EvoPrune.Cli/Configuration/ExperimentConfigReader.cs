using EvoPrune.Cluster.Kinds.Activations;
using EvoPrune.Cluster.Kinds.SparseMask;
using EvoPrune.Cluster.Plugins;
using EvoPrune.Data.Catalog;
using EvoPrune.Data.Normalization;
using EvoPrune.Learning.Activations;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// Reads experiment YAML files. Every value is checked where it is read, so an error names the file, line, column and
/// field; unknown keys are errors (with a "did you mean"), never silently ignored. <c>run.kind</c> names a registered
/// genome kind, which reads the <c>search:</c> section and decides the run's shape (<see cref="IGenomeKind.ReadConfig"/>).
/// </summary>
public static class ExperimentConfigReader
{
    private static readonly string[] RootKeys = ["name", "seed", "device", "data", "model", "training", "mask", "run", "search"];

    /// <summary>Reads <paramref name="file"/> with the genome kinds this build ships.</summary>
    public static ExperimentConfig Read(string file) => Read(file, Hosting.CliGenomeKinds.Registry([]));

    /// <summary>Reads <paramref name="file"/>; <c>run.kind</c> is one of <paramref name="kinds"/>.</summary>
    public static ExperimentConfig Read(string file, GenomeKindRegistry kinds)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        var root = ConfigSection.Load(file);
        root.EnsureAllKeysUsed(RootKeys);
        var name = root.GetString("name", Path.GetFileNameWithoutExtension(file));
        if (root.Has("name") && !RunIds.IsValid(name + "-20260101-000000"))
        {
            // The name starts the default run id (NAME-DATE-TIME), so it follows the run id rule.
            throw root.ErrorAt("name", $"'{(name.Length > 60 ? name[..57] + "..." : name)}' cannot start a run id: {RunIds.Rule} (the date and time are added).");
        }

        var seed = (ulong)root.GetLong("seed", 1, 0);
        var device = root.GetString("device", "auto");
        if (!DeviceSpec.TryParse(device, out _))
        {
            throw root.ErrorAt("device", $"'{device}' is not a device: use auto, cpu, cuda or cuda:N.");
        }

        var data = ReadData(root.Section("data"));
        var model = ReadModel(root.Section("model"));
        var training = ReadTraining(root.Section("training"));
        var mask = root.Section("mask");
        mask.EnsureAllKeysUsed(["density"]);
        var density = mask.GetDouble("density", 1.0, 1e-6, 1.0);
        var run = root.Has("run") ? ReadRun(root.Section("run"), root.Section("search"), data, model, training, kinds) : null;
        if (run == null && root.Has("search"))
        {
            throw root.ErrorAt("search", "a search section needs a run section (kind, generations, population).");
        }

        return new ExperimentConfig(file, name, seed, device, data, model, training, density, run);
    }

    private static DataSpec ReadData(ConfigSection s)
    {
        s.EnsureAllKeysUsed(["dataset", "validation", "max-train", "max-validation", "max-test", "normalize", "manifold"]);
        var dataset = s.GetString("dataset", "usps");
        if (!DatasetCatalog.IsKnown(dataset))
        {
            throw s.ErrorAt("dataset", $"unknown dataset '{dataset}'. Known: {string.Join(", ", DatasetCatalog.Names)}.");
        }

        int? Cap(string key)
        {
            var value = s.GetInt(key, 0, 0);
            return value > 0 ? value : null;
        }

        return new DataSpec
        {
            Dataset = dataset,
            ValidationFraction = s.GetDouble("validation", 0.1, 0, 0.9),
            MaxTrain = Cap("max-train"),
            MaxValidation = Cap("max-validation"),
            MaxTest = Cap("max-test"),
            Normalization = s.GetChoice("normalize", "auto", ["none", "global", "per-feature", "auto"]) switch
            {
                "none" => NormalizationMode.None,
                "global" => NormalizationMode.Global,
                "per-feature" => NormalizationMode.PerFeature,
                _ => NormalizationMode.Auto,
            },
            Manifold = s.Has("manifold") ? Manifold(s) : null,
        };
    }

    // Parsed here as well as where the data is made, so a bad option names the file, line and column.
    private static string Manifold(ConfigSection s)
    {
        var text = s.GetString("manifold", string.Empty);
        try
        {
            _ = Data.Synthetic.ManifoldOptions.Parse(text);
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException)
        {
            throw s.ErrorAt("manifold", ex.Message);
        }

        return text;
    }

    private static ModelSpec ReadModel(ConfigSection s)
    {
        s.EnsureAllKeysUsed(["architecture", "hidden", "activation", "activations", "init"]);
        var architecture = s.GetChoice("architecture", "lenet300-100", Architectures.Names.Concat(["lenet-300-100", "lenet-5", "conv-2", "conv-4", "conv-6"]).ToArray());
        var hidden = s.GetIntList("hidden", 1, 1 << 16);
        if (architecture == "mlp" && hidden == null)
        {
            throw s.ErrorAt("hidden", "architecture 'mlp' needs hidden layer widths, e.g. hidden: [300, 100].");
        }

        var key = s.Has("activations") ? "activations" : "activation";
        var activations = s.GetStringList(key) ?? ["relu"];
        foreach (var problem in activations.Select(ActivationNames.Problem).OfType<string>())
        {
            throw s.ErrorAt(key, problem);
        }

        var init = s.GetChoice("init", "kaiming", ["kaiming", "pytorch"]) == "pytorch" ? WeightInit.PyTorch : WeightInit.Kaiming;
        return new ModelSpec { Architecture = architecture, Hidden = hidden, Activations = activations, Init = init };
    }

    private static TrainerOptions ReadTraining(ConfigSection s)
    {
        s.EnsureAllKeysUsed(["optimizer", "learning-rate", "momentum", "weight-decay", "epochs", "batch-size", "max-steps", "eval-batch-size"]);
        return new TrainerOptions
        {
            Optimizer = s.GetChoice("optimizer", "sgd", ["sgd", "adam"]) == "adam" ? OptimizerKind.Adam : OptimizerKind.Sgd,
            LearningRate = s.GetDouble("learning-rate", TrainerOptions.DefaultLearningRate, 1e-9, 100),
            Momentum = s.GetDouble("momentum", TrainerOptions.DefaultMomentum, 0, 0.999999),
            WeightDecay = s.GetDouble("weight-decay", 0, 0, 1),
            Epochs = s.GetInt("epochs", TrainerOptions.DefaultEpochs, 1, 100_000),
            BatchSize = s.GetInt("batch-size", TrainerOptions.DefaultBatchSize, 1, 1 << 20),
            MaxSteps = s.GetLong("max-steps", 0, 0),
            EvalBatchSize = s.GetInt("eval-batch-size", 1000, 1, 1 << 20),
        };
    }

    private static RunSection ReadRun(ConfigSection run, ConfigSection search, DataSpec data, ModelSpec model, TrainerOptions training, GenomeKindRegistry kinds)
    {
        run.EnsureAllKeysUsed(["id", "kind", "generations", "population", "populations", "keep-checkpoints", "lease-seconds", "lease-batch", "stop-when-solved", "checkpoint-every"]);
        var kind = run.GetChoice("kind", SparseMaskKind.KindName, [.. kinds.Names]);
        var population = run.GetInt("population", 16, 2, 100_000);
        var generations = run.GetInt("generations", 10, 1, 1_000_000);
        var id = run.Has("id") ? run.GetString("id", string.Empty) : null;
        if (id != null && !RunIds.IsValid(id))
        {
            throw run.ErrorAt("id", $"'{id}' is not a run id: {RunIds.Rule}.");
        }

        // The kind reads its search section and decides the run's shape (a pruning grid is one generation of its cells).
        var (settingsJson, shape) = kinds.Get(kind).ReadConfig(new KindConfigSource(run, search, data, model, training, generations, population));
        var (checkpointGenerations, checkpointSeconds) = ReadCheckpointPolicy(run);
        return new RunSection(
            id,
            kind,
            shape.Generations,
            shape.PopulationSize,
            shape.Populations,
            run.GetInt("keep-checkpoints", 5, 1, 10_000),
            TimeSpan.FromSeconds(run.GetDouble("lease-seconds", 20, 1, 86_400)),
            settingsJson,
            // The most items one lease may hold; by default the work queue sizes leases from measured evaluation times.
            run.GetInt("lease-batch", 0, 0, 100_000),
            run.GetBool("stop-when-solved", true),
            checkpointGenerations,
            checkpointSeconds)
        {
            KindAt = run.ErrorAt("kind", string.Empty) is var at ? (at.Line, at.Column) : default,
        };
    }

    // checkpoint-every: 10 (generations), "30s" (seconds), or { generations: 10, seconds: 30 } (whichever comes first).
    private static (int Generations, double Seconds) ReadCheckpointPolicy(ConfigSection run)
    {
        if (!run.Has("checkpoint-every"))
        {
            return (0, Cluster.Contracts.RunSpec.DefaultCheckpointSeconds);
        }

        if (run.IsMapping("checkpoint-every"))
        {
            var policy = run.Section("checkpoint-every");
            policy.EnsureAllKeysUsed(["generations", "seconds"]);
            if (!policy.Has("generations") && !policy.Has("seconds"))
            {
                throw run.ErrorAt("checkpoint-every", "give generations, seconds or both, e.g. { generations: 10, seconds: 30 }.");
            }

            return (policy.GetInt("generations", 0, 0, 1_000_000), policy.GetDouble("seconds", 0, 0, 86_400 * 365));
        }

        var text = run.GetString("checkpoint-every", string.Empty).Trim();
        if (text.EndsWith('s') && double.TryParse(text[..^1], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0)
        {
            return (0, seconds);
        }

        return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var generations) && generations >= 1
            ? (generations, 0)
            : throw run.ErrorAt("checkpoint-every", $"'{text}' is not a checkpoint policy: use a number of generations (10), seconds (30s), or {{ generations: 10, seconds: 30 }}.");
    }
}
