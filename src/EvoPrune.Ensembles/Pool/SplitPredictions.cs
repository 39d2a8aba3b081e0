using System.Text.Json.Serialization;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Cached outputs of every pool member on one split: <see cref="Probabilities"/>[m] is member m's row-major N x K
/// probability array. Argmax labels and per-member accuracy are derived once at construction, so fitness evaluation
/// never touches a model. Plain arrays, so the record serialises with System.Text.Json.
/// </summary>
public sealed record SplitPredictions
{
    /// <summary>Creates the cache and derives <see cref="Predictions"/> and <see cref="Accuracies"/>.</summary>
    [JsonConstructor]
    public SplitPredictions(IReadOnlyList<int> labels, IReadOnlyList<float[]> probabilities, int classCount)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(classCount);
        foreach (var p in probabilities)
        {
            if (p.Length != labels.Count * classCount)
            {
                throw new ArgumentException($"A probability array has {p.Length} values, not {labels.Count} x {classCount}.", nameof(probabilities));
            }
        }

        Labels = labels;
        Probabilities = probabilities;
        ClassCount = classCount;
        Predictions = probabilities.Select(p => Pool.Probabilities.ArgMax(p, classCount)).ToArray();
        Accuracies = Predictions.Select(Accuracy).ToArray();
    }

    /// <summary>True labels, N of them.</summary>
    public IReadOnlyList<int> Labels { get; }

    /// <summary>Per member, row-major N x K probabilities.</summary>
    public IReadOnlyList<float[]> Probabilities { get; }

    /// <summary>K.</summary>
    public int ClassCount { get; }

    /// <summary>N.</summary>
    [JsonIgnore]
    public int Count => Labels.Count;

    /// <summary>M, the number of members.</summary>
    [JsonIgnore]
    public int MemberCount => Probabilities.Count;

    /// <summary>Per member, the argmax label of each sample (ties to the lowest class).</summary>
    [JsonIgnore]
    public IReadOnlyList<int[]> Predictions { get; }

    /// <summary>Per member, the share of samples it labels correctly.</summary>
    [JsonIgnore]
    public IReadOnlyList<double> Accuracies { get; }

    /// <summary>The share of <paramref name="predicted"/> equal to <see cref="Labels"/>.</summary>
    public double Accuracy(IReadOnlyList<int> predicted)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        if (Labels.Count == 0)
        {
            return 0;
        }

        var correct = 0;
        for (var i = 0; i < Labels.Count; i++)
        {
            correct += predicted[i] == Labels[i] ? 1 : 0;
        }

        return (double)correct / Labels.Count;
    }
}
