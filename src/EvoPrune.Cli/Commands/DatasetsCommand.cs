using System.CommandLine;
using System.Globalization;
using EvoPrune.Data.Catalog;
using Spectre.Console;

namespace EvoPrune.Cli.Commands;

/// <summary><c>evoprune datasets</c>: every dataset EvoPrune knows, whether it was found, where, and how big.</summary>
internal static class DatasetsCommand
{
    public static Command Create()
    {
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("datasets", "List the datasets EvoPrune can find, with sizes and where they were found") { dataDirs };
        command.SetAction((parse, _) => Errors.GuardAsync(() =>
        {
            var catalog = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = parse.GetValue(dataDirs) ?? [] });
            var table = new Table().AddColumns("dataset", "found", "train", "test", "classes", "bytes", "where");
            foreach (var info in catalog.List())
            {
                table.AddRow(
                    info.Name,
                    !info.Found ? "[grey]no[/]" : info.Note is null ? "[green]yes[/]" : "[red]damaged[/]",
                    Count(info.TrainCount),
                    Count(info.TestCount),
                    info.ClassCount.ToString(CultureInfo.InvariantCulture),
                    info.Found ? info.TotalBytes.ToString("N0", CultureInfo.InvariantCulture) : string.Empty,
                    Markup.Escape(info.Found && info.Note is null ? info.Directory ?? "(generated)" : info.Note ?? string.Empty));
            }

            AnsiConsole.Write(table);
            AnsiConsole.MarkupLine("Searched, in order:");
            foreach (var dir in catalog.SearchDirectories)
            {
                AnsiConsole.MarkupLine($"  {Markup.Escape(dir.ToString())}");
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }

    private static string Count(int? n) => n?.ToString("N0", CultureInfo.InvariantCulture) ?? string.Empty;
}
