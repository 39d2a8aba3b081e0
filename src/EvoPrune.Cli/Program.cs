using System.CommandLine;
using EvoPrune.Cli.Commands;

var root = new RootCommand("EvoPrune: evolutionary search for small, accurate neural networks (Orleans + TorchSharp)");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(DatasetsCommand.Create());
root.Subcommands.Add(SiloCommand.Create());
foreach (var command in ClusterCommands.Create())
{
    root.Subcommands.Add(command);
}

return await root.Parse(args).InvokeAsync();
