using System.CommandLine;
using System.Diagnostics;
using EvoPrune.Data.Catalog;
using EvoPrune.Ensembles.Pool;
using EvoPrune.Ensembles.Protocol;
using EvoPrune.Ensembles.Search;

namespace EvoPrune.Cli.Commands;

/// <summary>
/// <c>evoprune cife</c>: the CIF-E evaluation protocol over UCI tables (stratified k-fold; per fold the pool is
/// trained on the inner training split, every method selects on the selection split and is scored on the held-out
/// fold), printed as a markdown table of test accuracy (mean ± std) with average ranks.
/// </summary>
internal static class CifeCommand
{
    public static Command Create()
    {
        var datasets = new Option<string[]>("--datasets") { Description = "UCI datasets", AllowMultipleArgumentsPerToken = true, DefaultValueFactory = _ => CifeOptions.DefaultDatasets.ToArray() };
        var folds = new Option<int>("--folds") { Description = "Stratified folds", DefaultValueFactory = _ => 5, Validators = { r => CommonOptions.Between(r, 2, 100) } };
        var repeats = new Option<int>("--repeats") { Description = "Repeats of the k-fold split", DefaultValueFactory = _ => 1, Validators = { r => CommonOptions.Between(r, 1, 100) } };
        var pool = new Option<string>("--pool") { Description = "default (20 classifiers) or small (8)", DefaultValueFactory = _ => "default" };
        var population = new Option<int>("--population") { Description = "Subsets per generation", DefaultValueFactory = _ => SearchOptions.DefaultPopulationSize, Validators = { r => CommonOptions.Between(r, 2, 100000) } };
        var generations = new Option<int>("--generations") { Description = "Generations (budget = population x generations for every method)", DefaultValueFactory = _ => SearchOptions.DefaultGenerations, Validators = { r => CommonOptions.Between(r, 1, 1000000) } };
        var seed = new Option<ulong>("--seed") { Description = "Seed of folds, pools and searches", DefaultValueFactory = _ => 1UL };
        var output = new Option<string?>("--out") { Description = "Also write the markdown table to this file" };
        var dataDirs = CommonOptions.DataDirectories();
        var command = new Command("cife", "Compare ensemble selection methods on UCI tables (CIF-E protocol)")
        {
            datasets, folds, repeats, pool, population, generations, seed, output, dataDirs,
        };
        command.SetAction((parse, _) => Errors.GuardAsync(() =>
        {
            var options = new CifeOptions
            {
                Datasets = parse.GetValue(datasets)!,
                Folds = parse.GetValue(folds),
                Repeats = parse.GetValue(repeats),
                Pool = new PoolSpec { Members = parse.GetValue(pool) == "small" ? BaseClassifiers.Small : BaseClassifiers.Default },
                Search = new SearchOptions { PopulationSize = parse.GetValue(population), Generations = parse.GetValue(generations) },
                Seed = parse.GetValue(seed),
            };
            options.Validate();
            var catalog = new DatasetCatalog(new DatasetCatalogOptions { DataDirectories = parse.GetValue(dataDirs) ?? [] });
            var clock = Stopwatch.StartNew();
            var table = CifeProtocol.Run(options, catalog, line => Console.Error.WriteLine(line));
            var markdown = table.ToMarkdown();
            Console.WriteLine(markdown);
            Console.WriteLine($"({clock.Elapsed:h\\:mm\\:ss} on {Environment.ProcessorCount} cores; pool of {options.Pool.Size}; budget {options.Search.Budget} evaluations per method)");
            if (parse.GetValue(output) is { } file)
            {
                File.WriteAllText(file, markdown);
            }

            return Task.FromResult(ExitCodes.Ok);
        }));
        return command;
    }
}
