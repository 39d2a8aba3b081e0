using EvoPrune.Cluster.Contracts;

namespace EvoPrune.Cluster.Grains;

/// <summary>
/// When the coordinator writes a checkpoint: after <see cref="RunSpec.CheckpointEveryGenerations"/> generations or
/// <see cref="RunSpec.CheckpointEverySeconds"/> seconds since the last one, whichever comes first, and after every
/// generation when neither is set. The last generation of a run is checkpointed whatever this says.
/// </summary>
internal sealed class CheckpointSchedule(TimeProvider time)
{
    private long? _writtenAt;

    /// <summary>The generation the newest checkpoint holds (-1: none yet).</summary>
    public int Last { get; private set; } = -1;

    /// <summary>Whether the policy of <paramref name="spec"/> wants a checkpoint of <paramref name="generation"/>.</summary>
    public bool IsDue(RunSpec spec, int generation)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.CheckpointEveryGenerations <= 0 && spec.CheckpointEverySeconds <= 0)
        {
            return true;
        }

        var byGenerations = spec.CheckpointEveryGenerations > 0 && generation - Last >= spec.CheckpointEveryGenerations;
        // Nothing written yet counts as long ago.
        var bySeconds = spec.CheckpointEverySeconds > 0 && (_writtenAt is not { } at || time.GetElapsedTime(at).TotalSeconds >= spec.CheckpointEverySeconds);
        return byGenerations || bySeconds;
    }

    /// <summary>Records that <paramref name="generation"/>'s checkpoint was written (or loaded) now.</summary>
    public void Written(int generation)
    {
        Last = generation;
        _writtenAt = time.GetTimestamp();
    }
}
