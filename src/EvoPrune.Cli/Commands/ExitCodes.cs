namespace EvoPrune.Cli.Commands;

/// <summary>Process exit codes.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The work ran and failed (a run ended Failed, training diverged).</summary>
    public const int Failed = 1;

    /// <summary>Bad input: config, option, dataset, run id, store. Nothing was written.</summary>
    public const int BadInput = 2;
}
