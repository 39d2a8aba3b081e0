namespace EvoPrune.Learning.Pruning;

/// <summary>Options of <see cref="MagnitudePruning"/>: the target and how many epochs to fine-tune with the mask fixed.</summary>
public sealed record MagnitudePruningOptions
{
    public const int DefaultFineTuneEpochs = 1;

    public required PruningTarget Target { get; init; }

    /// <summary>Epochs of fine-tuning after pruning (0: none); the dense phase uses the context's epochs.</summary>
    public int FineTuneEpochs { get; init; } = DefaultFineTuneEpochs;
}
