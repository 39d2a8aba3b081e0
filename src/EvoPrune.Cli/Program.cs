using System.CommandLine;
using EvoPrune.Cli.Commands;
using Spectre.Console;

// Piped or captured output (CI logs, scripts) gets wide tables instead of ones wrapped at 80 columns.
if (Console.IsOutputRedirected)
{
    AnsiConsole.Profile.Width = 240;
}

var root = new RootCommand("EvoPrune: evolutionary search for small, accurate neural networks (Orleans + TorchSharp)");
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

return await root.Parse(args).InvokeAsync();
