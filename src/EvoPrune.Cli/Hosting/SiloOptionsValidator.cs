using System.Globalization;
using System.Net;
using EvoPrune.Cluster.Storage;
using EvoPrune.Learning.Devices;
using EvoPrune.Learning.Native;
using Microsoft.Extensions.Options;

namespace EvoPrune.Cli.Hosting;

/// <summary>
/// Every rule of a silo's settings, whichever layer gave them. <paramref name="describe"/> names where a key's value came
/// from (<c>--port</c>, <c>EVOPRUNE_PORT</c>, <c>appsettings.json: EvoPrune:Port</c>); each failure is one sentence that
/// starts with it and never repeats a password. The options name picks the command's extra rules
/// (<see cref="SiloOptions.Silo"/>: the primary stays on loopback without Redis; <see cref="SiloOptions.Embedded"/>: at
/// least one worker; <see cref="SiloOptions.Client"/>: no device probe).
/// </summary>
public sealed class SiloOptionsValidator(Func<string, string> describe) : IValidateOptions<SiloOptions>
{
    private readonly Func<string, string> _describe = describe ?? throw new ArgumentNullException(nameof(describe));

    public ValidateOptionsResult Validate(string? name, SiloOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var key in new[] { nameof(SiloOptions.Port), nameof(SiloOptions.Gateway), nameof(SiloOptions.PrimaryPort), nameof(SiloOptions.PrometheusPort), nameof(SiloOptions.DashboardPort) })
        {
            if (options.Text(key) is { } text && int.Parse(text, CultureInfo.InvariantCulture) is < 1 or > 65535)
            {
                failures.Add($"{_describe(key)} {text}: must be from 1 to 65535.");
            }
        }

        Workers(name, options, failures);
        if (options.Threads < 0)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{_describe(nameof(SiloOptions.Threads))} {options.Threads}: give 0 (one per core) or more."));
        }

        Listen(name, options, failures);
        Cluster(options, failures);
        Store(options, failures);
        Otlp(options, failures);
        Device(name, options, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private void Workers(string? name, SiloOptions options, List<string> failures)
    {
        var where = _describe(nameof(SiloOptions.Workers));
        if (name == SiloOptions.Embedded && options.Workers is < 1 or > SiloOptions.MaxWorkers)
        {
            // With no worker the run in this process would wait forever.
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{where} {options.Workers}: the run in this process needs 1 to {SiloOptions.MaxWorkers} workers to make progress."));
        }
        else if (options.Workers is < 0 or > SiloOptions.MaxWorkers)
        {
            failures.Add(string.Create(CultureInfo.InvariantCulture, $"{where} {options.Workers}: give 0 to {SiloOptions.MaxWorkers}."));
        }
    }

    private void Listen(string? name, SiloOptions options, List<string> failures)
    {
        var where = _describe(nameof(SiloOptions.Listen));
        if (!IPAddress.TryParse(options.Listen, out var address))
        {
            failures.Add($"{where} '{options.Listen}' is not an IP address.");
        }
        else if (name == SiloOptions.Silo && string.IsNullOrEmpty(options.Cluster) && options.Port == options.PrimaryPort && !address.Equals(IPAddress.Loopback))
        {
            failures.Add($"{where} {address}: without --cluster the primary silo listens on 127.0.0.1, where the other silos look for it; give --listen to the other silos only, or use --cluster redis://HOST:PORT.");
        }
    }

    private void Cluster(SiloOptions options, List<string> failures)
    {
        if (string.IsNullOrEmpty(options.Cluster))
        {
            return;
        }

        var where = _describe(nameof(SiloOptions.Cluster));
        if (HasPassword(options.Cluster))
        {
            failures.Add($"{where}: the URI carries a password; give it through {RedisCluster.PasswordVariable} or {RedisCluster.PasswordFileVariable} instead.");
            return;
        }

        try
        {
            // The URI grammar lives with the code that connects; no environment here, so no password file is read.
            _ = RedisCluster.Parse(options.Cluster, _ => null);
        }
        catch (FormatException ex)
        {
            failures.Add($"{where}: {ex.Message}");
        }
    }

    private void Store(SiloOptions options, List<string> failures)
    {
        var where = _describe(nameof(SiloOptions.Store));
        if (string.IsNullOrWhiteSpace(options.Store))
        {
            failures.Add($"{where}: give a folder or postgres://user@host[:port]/database.");
        }
        else if (HasPassword(options.Store))
        {
            failures.Add($"{where}: the URI carries a password; give it through {PostgresConnection.PasswordVariable} or {PostgresConnection.PasswordFileVariable} instead.");
        }
        else if (PostgresConnection.IsPostgres(options.Store))
        {
            try
            {
                _ = PostgresConnection.Parse(options.Store, _ => null);
            }
            catch (FormatException ex)
            {
                failures.Add($"{where}: {ex.Message}");
            }
        }
    }

    private void Otlp(SiloOptions options, List<string> failures)
    {
        if (!string.IsNullOrEmpty(options.Otlp)
            && !(Uri.TryCreate(options.Otlp, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && uri.Host.Length > 0))
        {
            failures.Add($"{_describe(nameof(SiloOptions.Otlp))} '{PostgresConnection.Mask(options.Otlp)}' is not an OTLP endpoint: give http://HOST:PORT or https://HOST:PORT.");
        }
    }

    private void Device(string? name, SiloOptions options, List<string> failures)
    {
        var where = _describe(nameof(SiloOptions.Device));
        if (!DeviceSpec.TryParse(options.Device, out var device))
        {
            failures.Add($"{where} '{options.Device}' is not a device: use auto, cpu, cuda or cuda:N (N = 0, 1, ...).");
        }
        else if (device.Kind == DeviceKind.Cuda && name != SiloOptions.Client && failures.Count == 0)
        {
            // Fails with the reason (CPU build, no driver, too few GPUs) before a single evaluation runs; only once every
            // other setting is good, since it loads Torch.
            try
            {
                _ = DeviceSelector.Resolve(device);
            }
            catch (TorchUnavailableException ex)
            {
                failures.Add($"{where} '{options.Device}': {ex.Message}");
            }
        }
    }

    private static bool HasPassword(string uri) => !string.Equals(PostgresConnection.Mask(uri), uri, StringComparison.Ordinal);
}
