using EvoPrune.Learning.Devices;

namespace EvoPrune.Cluster.Plugins;

/// <summary>What an evaluator learns of the silo it runs on.</summary>
/// <param name="Silo">The silo's name, recorded in every report.</param>
/// <param name="Device">The device option of the silo (auto, cpu, cuda:N).</param>
/// <param name="DataDirectories">Extra dataset folders given to the silo (searched before the defaults).</param>
public sealed record EvaluationHost(string Silo, DeviceSpec Device, IReadOnlyList<string> DataDirectories);
