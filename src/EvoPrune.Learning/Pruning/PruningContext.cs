using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Training;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Pruning;

/// <summary>
/// What every pruning method needs: the architecture, the data on a device, the training budget of the final
/// (sparse) training and the key every random stream of the run derives from — initial weights
/// (<c>{purpose}/init</c>), minibatch order, random masks — so the same key replays the same masks and weights.
/// </summary>
public sealed record PruningContext(
    ArchitectureSpec Architecture,
    IReadOnlyList<string> Activations,
    DeviceData Train,
    DeviceData? Validation,
    DeviceData? Test,
    TrainerOptions Training,
    RandomKey Key)
{
    public WeightInit Init { get; init; } = WeightInit.Kaiming;

    /// <summary>The device the data (and so the networks) live on.</summary>
    public Device Device => Train.Features.device;

    /// <summary>Weight counts of the prunable layers, in order.</summary>
    public IReadOnlyList<long> LayerSizes => Architecture.Describe().Select(l => l.Weights).ToArray();

    /// <summary>A key for one purpose of this run, e.g. "init", "mask", "shuffle/finetune".</summary>
    public RandomKey KeyFor(string purpose) => Key.WithPurpose($"{Key.Purpose}/{purpose}");

    /// <summary>A network drawn from the run's initial weights (or the stream named <paramref name="initPurpose"/>).</summary>
    public MaskedNetwork CreateNetwork(IReadOnlyList<bool[]>? masks, string initPurpose = "init") =>
        new(Architecture, Activations, masks, KeyFor(initPurpose), Device, Init);
}
