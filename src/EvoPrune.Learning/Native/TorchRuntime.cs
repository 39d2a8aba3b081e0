using TorchSharp;

namespace EvoPrune.Learning.Native;

/// <summary>
/// Loads libtorch once and turns a failed load into one readable error. On Debian 12 the build patches
/// TorchSharp's shim (build/TorchSharpNative); if that was skipped, this is where it shows.
/// </summary>
public static class TorchRuntime
{
    private static readonly Lock Gate = new();
    private static bool _loaded;

    /// <summary>Makes sure libtorch is loaded; throws <see cref="TorchUnavailableException"/> with the cause if not.</summary>
    public static void EnsureLoaded()
    {
        lock (Gate)
        {
            if (_loaded)
            {
                return;
            }

            try
            {
                // Touching any torch member runs its static initialiser, which loads the native libraries.
                _ = torch.get_num_threads();
                _loaded = true;
            }
            catch (TypeInitializationException ex)
            {
                throw new TorchUnavailableException(
                    "libtorch could not be loaded. On Debian 12 (GCC 12's libstdc++) the build patches TorchSharp's native shim " +
                    "in the output folder; rebuild with 'dotnet build' (g++ must be installed) and do not pass " +
                    "-p:EvoPruneSkipTorchSharpPatch=true. Cause: " + (ex.InnerException?.Message.Split('\n')[0] ?? ex.Message),
                    ex);
            }
        }
    }

    /// <summary>A one-line description of the Torch build: versions and intra-op threads.</summary>
    public static string Describe()
    {
        EnsureLoaded();
        var cuda = torch.cuda.is_available() ? $"CUDA devices: {torch.cuda.device_count()}" : "CUDA: not available";
        return $"TorchSharp {typeof(torch).Assembly.GetName().Version}, threads {torch.get_num_threads()}, {cuda}";
    }
}
