namespace EvoPrune.Cli.Kinds;

/// <summary>What <c>inspect</c> asks of a kind's tools: the folder for pictures, how many of the best genomes to show, pixels per input pixel.</summary>
internal sealed record InspectRequest(string Pictures, int Top, int Scale);
