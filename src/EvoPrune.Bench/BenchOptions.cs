namespace EvoPrune.Bench;

/// <summary>Command-line options of the suite.</summary>
internal sealed record BenchOptions
{
    /// <summary>Every item at its smallest size with few repeats: shows the suite works, measures little.</summary>
    public bool Quick { get; init; }

    /// <summary>Where to write the JSON (null: bench.json in the current folder).</summary>
    public string Out { get; init; } = "bench.json";

    /// <summary>Only these items (1-8); empty: all.</summary>
    public IReadOnlySet<int> Items { get; init; } = new HashSet<int>();

    /// <summary>
    /// Torch intra-op threads (default 1). On a small machine shared with other work, two threads made the same
    /// measurement up to 100x slower now and then (OpenMP workers waiting for a core held by another process).
    /// </summary>
    public int Threads { get; init; } = 1;

    /// <summary>A PostgreSQL for the store comparison of item 8 (<c>--store</c>, or EVOPRUNE_BENCH_STORE); null: not measured.</summary>
    public string? PostgresStore { get; init; } = Environment.GetEnvironmentVariable("EVOPRUNE_BENCH_STORE");

    /// <summary>Item 4's population sizes (<c>--populations 64</c>, to look at one size); empty: the item's own.</summary>
    public IReadOnlyList<int> Populations { get; init; } = [];

    public int Repeats => Quick ? 1 : 5;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            options = args[i] switch
            {
                "--quick" => options with { Quick = true },
                "--out" when i + 1 < args.Count => options with { Out = args[++i] },
                "--threads" when i + 1 < args.Count => options with { Threads = int.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture) },
                "--store" when i + 1 < args.Count => options with { PostgresStore = args[++i] },
                "--populations" when i + 1 < args.Count => options with { Populations = args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToArray() },
                "--items" when i + 1 < args.Count => options with { Items = args[++i].Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture)).ToHashSet() },
                _ => throw new ArgumentException($"Unknown option '{args[i]}'. Usage: evoprune-bench [--quick] [--out bench.json] [--threads 1] [--items 1,2,...] [--populations 64,1024] [--store postgres://user@host:port/db]"),
            };
        }

        return options;
    }

    public bool Runs(int item) => Items.Count == 0 || Items.Contains(item);
}
