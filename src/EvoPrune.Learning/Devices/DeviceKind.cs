namespace EvoPrune.Learning.Devices;

/// <summary>The kind of device a <see cref="DeviceSpec"/> names.</summary>
public enum DeviceKind
{
    Auto,
    Cpu,
    Cuda,
}
