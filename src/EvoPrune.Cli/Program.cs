using System.CommandLine;
using EvoPrune.Cli.Commands;
using EvoPrune.Cli.Hosting;
using Spectre.Console;

// Piped or captured output (CI logs, scripts) gets wide tables instead of ones wrapped at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
}

var root = new RootCommand("EvoPrune: evolutionary search for small, accurate neural networks (Orleans + TorchSharp)");
root.Options.Add(CommonOptions.Verbose);
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(DatasetsCommand.Create());
root.Subcommands.Add(InspectCommand.Create());
root.Subcommands.Add(ExportCommand.Create());
root.Subcommands.Add(PredictCommand.Create());
root.Subcommands.Add(CifeCommand.Create());
root.Subcommands.Add(NeatBenchCommand.Create());
root.Subcommands.Add(ActivationsCompareCommand.Create());
root.Subcommands.Add(SiloCommand.Create());
foreach (var command in ClusterCommands.Create())
{
    root.Subcommands.Add(command);
}

var parse = root.Parse(args);
if (parse.Errors.Count > 0)
{
    // An unknown option, a missing value or "--threads abc" is bad input like a bad config: one line, exit 2.
    var command = parse.CommandResult.Command is RootCommand ? string.Empty : $" {parse.CommandResult.Command.Name}";
    Errors.Report($"{string.Join(" ", parse.Errors.Select(e => e.Message))} (see 'evoprune{command} --help')");
    return ExitCodes.BadInput;
}

Errors.Verbose = parse.GetValue(CommonOptions.Verbose);
OneLineConsoleFormatter.StackTraces = Errors.Verbose;
TerminationSignals.Register();
// The commands handle SIGINT/SIGTERM themselves (TerminationSignals) and report their own errors (Errors.GuardAsync).
var invocation = new InvocationConfiguration { ProcessTerminationTimeout = null, EnableDefaultExceptionHandler = false };
return await parse.InvokeAsync(invocation, TerminationSignals.Token);
