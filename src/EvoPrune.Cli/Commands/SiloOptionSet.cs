using System.CommandLine;
using EvoPrune.Cli.Hosting;

namespace EvoPrune.Cli.Commands;

/// <summary>The options every command that hosts a silo takes (store, device, workers, data, telemetry), bound to <see cref="SiloSettings"/>.</summary>
internal sealed class SiloOptionSet
{
    private readonly Option<string> _store = CommonOptions.Store();
    private readonly Option<string> _device = CommonOptions.Device();
    private readonly Option<int> _workers = CommonOptions.Workers();
    private readonly Option<int> _threads = CommonOptions.Threads();
    private readonly Option<string[]> _dataDirs = CommonOptions.DataDirectories();
    private readonly Option<Uri?> _otlp = CommonOptions.Otlp();
    private readonly Option<int?> _prometheus = CommonOptions.PrometheusPort();
    private readonly Option<bool> _consoleTelemetry = CommonOptions.ConsoleTelemetry();
    private readonly Option<int?> _dashboard = new("--dashboard-port") { Description = "Serve the Orleans dashboard on http://127.0.0.1:PORT/ (off unless given)" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { _store, _device, _workers, _threads, _dataDirs, _otlp, _prometheus, _consoleTelemetry, _dashboard })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The settings these options give; ports keep their defaults for the caller to set.</summary>
    public SiloSettings Bind(ParseResult parse) => new()
    {
        Store = parse.GetValue(_store)!,
        Device = parse.GetValue(_device)!,
        Workers = parse.GetValue(_workers),
        TorchThreads = parse.GetValue(_threads),
        DataDirectories = parse.GetValue(_dataDirs) ?? [],
        DashboardPort = parse.GetValue(_dashboard),
        Telemetry = new TelemetrySettings
        {
            OtlpEndpoint = parse.GetValue(_otlp),
            PrometheusPort = parse.GetValue(_prometheus),
            Console = parse.GetValue(_consoleTelemetry),
        },
    };
}
