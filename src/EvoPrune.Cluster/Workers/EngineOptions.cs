namespace EvoPrune.Cluster.Workers;

/// <summary>Per-silo settings of the evaluation engine.</summary>
public sealed class EngineOptions
{
    public const int DefaultWorkers = 1;

    /// <summary>Evaluations run at the same time on this silo.</summary>
    public int Workers { get; set; } = DefaultWorkers;

    /// <summary>Training device: auto, cpu, cuda or cuda:N.</summary>
    public string Device { get; set; } = "auto";

    /// <summary>Intra-op threads for Torch on this silo (0: Torch's default, one per core).</summary>
    public int TorchThreads { get; set; }

    /// <summary>Dataset folders searched before the defaults (EVOPRUNE_DATA, configs/data, /usr/share/datasets).</summary>
    public IList<string> DataDirectories { get; } = [];

    /// <summary>Throws <see cref="ArgumentException"/> for settings that cannot work.</summary>
    public void Validate()
    {
        if (Workers < 0 || Workers > 256)
        {
            throw new ArgumentException($"workers must be between 0 and 256 (got {Workers}).");
        }

        if (TorchThreads < 0)
        {
            throw new ArgumentException($"torch threads must be >= 0 (got {TorchThreads}).");
        }

        _ = Learning.Devices.DeviceSpec.Parse(Device);
    }
}
