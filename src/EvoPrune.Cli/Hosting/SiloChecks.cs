using System.CommandLine;
using System.Globalization;
using EvoPrune.Cli.Commands;
using EvoPrune.Cli.Configuration;
using EvoPrune.Learning.Devices;

namespace EvoPrune.Cli.Hosting;

/// <summary>Checks of a silo's settings made before anything is started or written (a store folder included).</summary>
internal static class SiloChecks
{
    public const int MaxWorkers = 256;

    /// <summary>
    /// The embedded silo of <c>run</c>: at least one worker (with none the run would wait forever), a device that parses
    /// and, where CUDA is asked for, exists on this machine.
    /// </summary>
    public static void Embedded(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Workers is < 1 or > MaxWorkers)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--workers {settings.Workers}: the run in this process needs 1 to {MaxWorkers} workers to make progress."));
        }

        Silo(settings);
    }

    /// <summary>Any silo: worker and thread counts in range, a device that parses and, for CUDA, exists here.</summary>
    public static void Silo(SiloSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Workers is < 0 or > MaxWorkers)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--workers {settings.Workers}: give 0 to {MaxWorkers}."));
        }

        if (settings.TorchThreads < 0)
        {
            throw new BadInputException(string.Create(CultureInfo.InvariantCulture, $"--threads {settings.TorchThreads}: give 0 (one per core) or more."));
        }

        var device = DeviceSpec.TryParse(settings.Device, out var spec)
            ? spec
            : throw new BadInputException($"--device '{settings.Device}' is not a device: use auto, cpu, cuda or cuda:N (N = 0, 1, ...).");
        if (device.Kind == DeviceKind.Cuda)
        {
            // Fails with the reason (CPU build, no driver, too few GPUs) before a single evaluation runs.
            _ = DeviceSelector.Resolve(device);
        }
    }

    /// <summary>
    /// The device of an embedded run: <c>--device</c> when given, else the config's <c>device:</c> when it names one,
    /// else the settings file's (or the default, auto).
    /// </summary>
    public static string DeviceFor(ParseResult parse, SiloOptionSet options, string settingsDevice, ExperimentConfig experiment)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(experiment);
        return options.DeviceGiven(parse) || string.Equals(experiment.Device, "auto", StringComparison.OrdinalIgnoreCase)
            ? settingsDevice
            : experiment.Device;
    }
}
