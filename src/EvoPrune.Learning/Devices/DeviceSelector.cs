using EvoPrune.Learning.Native;
using TorchSharp;

namespace EvoPrune.Learning.Devices;

/// <summary>Turns a <see cref="DeviceSpec"/> into a Torch device on this host.</summary>
public static class DeviceSelector
{
    /// <summary>
    /// Resolves <paramref name="spec"/>: <c>auto</c> picks CUDA device 0 when this build and host have one, else the CPU;
    /// an explicit CUDA request that cannot be met fails with the reason instead of silently using the CPU.
    /// </summary>
    public static torch.Device Resolve(DeviceSpec spec)
    {
        TorchRuntime.EnsureLoaded();
        switch (spec.Kind)
        {
            case DeviceKind.Cpu:
                return torch.CPU;
            case DeviceKind.Auto:
                return torch.cuda.is_available() ? new torch.Device(DeviceType.CUDA, 0) : torch.CPU;
            default:
                if (!torch.cuda.is_available())
                {
                    throw new TorchUnavailableException(
                        $"Device '{spec}' was asked for, but CUDA is not available: this build uses the CPU package " +
                        "(build with -p:EvoPruneTorchVariant=cuda where TorchSharp-cuda-linux can be restored) or no GPU/driver was found. " +
                        "Use --device cpu or auto.");
                }

                var count = torch.cuda.device_count();
                if (spec.Index >= count)
                {
                    throw new TorchUnavailableException($"Device '{spec}' was asked for, but this host has {count} CUDA device(s) (cuda:0..cuda:{count - 1}).");
                }

                return new torch.Device(DeviceType.CUDA, spec.Index);
        }
    }
}
