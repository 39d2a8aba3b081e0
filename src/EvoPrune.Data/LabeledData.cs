using System.Diagnostics.CodeAnalysis;

namespace EvoPrune.Data;

/// <summary>
/// An in-memory classification set: <see cref="Count"/> samples of <see cref="FeatureCount"/> floats each,
/// stored row-major in one array (sample <c>i</c> is <c>Features[i*D .. (i+1)*D)</c>), with labels in
/// 0..<see cref="ClassCount"/>-1. Image sets carry their <see cref="Shape"/> (CHW); tables have none.
/// Instances are treated as immutable: operations return new sets and never change this one.
/// </summary>
public sealed class LabeledData
{
    /// <summary>Wraps the arrays (not copied). Throws if sizes disagree or a label is out of range.</summary>
    /// <param name="name">A display name such as "mnist/train".</param>
    /// <param name="features">Row-major N x D features.</param>
    /// <param name="labels">N labels in 0..K-1.</param>
    /// <param name="featureCount">D, the number of features per sample (at least 1).</param>
    /// <param name="classNames">K names, one per class index.</param>
    /// <param name="shape">The image layout of a row, or null for tabular data.</param>
    public LabeledData(string name, float[] features, int[] labels, int featureCount, IReadOnlyList<string> classNames, ImageShape? shape = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(classNames);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(featureCount);
        if (classNames.Count == 0)
        {
            throw new ArgumentException("At least one class name is needed.", nameof(classNames));
        }

        if ((long)labels.Length * featureCount != features.Length)
        {
            throw new ArgumentException($"{features.Length} feature values are not {labels.Length} samples x {featureCount} features.", nameof(features));
        }

        if (shape is { } s && s.Size != featureCount)
        {
            throw new ArgumentException($"Image shape {s} holds {s.Size} values, not {featureCount}.", nameof(shape));
        }

        for (var i = 0; i < labels.Length; i++)
        {
            if ((uint)labels[i] >= (uint)classNames.Count)
            {
                throw new ArgumentException($"Label {labels[i]} of sample {i} is outside 0..{classNames.Count - 1}.", nameof(labels));
            }
        }

        Name = name;
        Features = features;
        Labels = labels;
        FeatureCount = featureCount;
        ClassNames = classNames;
        Shape = shape;
    }

    /// <summary>A display name such as "mnist/train".</summary>
    public string Name { get; }

    /// <summary>Row-major N x D features. Callers must not write to it.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Zero-copy hand-off to tensor libraries.")]
    public float[] Features { get; }

    /// <summary>N labels in 0..K-1. Callers must not write to it.</summary>
    [SuppressMessage("Performance", "CA1819:Properties should not return arrays", Justification = "Zero-copy hand-off to tensor libraries.")]
    public int[] Labels { get; }

    /// <summary>N, the number of samples.</summary>
    public int Count => Labels.Length;

    /// <summary>D, the number of features per sample.</summary>
    public int FeatureCount { get; }

    /// <summary>K, the number of classes (some may have no samples in this set).</summary>
    public int ClassCount => ClassNames.Count;

    /// <summary>One name per class index.</summary>
    public IReadOnlyList<string> ClassNames { get; }

    /// <summary>The CHW layout of a row for image sets; null for tables.</summary>
    public ImageShape? Shape { get; }

    /// <summary>The features of sample <paramref name="index"/>.</summary>
    public ReadOnlySpan<float> Row(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, Count);
        return Features.AsSpan(index * FeatureCount, FeatureCount);
    }

    /// <summary>Samples per class: element k is how many labels equal k.</summary>
    public int[] ClassCounts()
    {
        var counts = new int[ClassCount];
        foreach (var label in Labels)
        {
            counts[label]++;
        }

        return counts;
    }

    /// <summary>A copy holding the samples at <paramref name="indices"/>, in that order (repeats allowed).</summary>
    public LabeledData Subset(IReadOnlyList<int> indices, string? name = null)
    {
        ArgumentNullException.ThrowIfNull(indices);
        var d = FeatureCount;
        var features = new float[(long)indices.Count * d];
        var labels = new int[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            var source = indices[i];
            if ((uint)source >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(indices), $"Index {source} is outside 0..{Count - 1}.");
            }

            Array.Copy(Features, (long)source * d, features, (long)i * d, d);
            labels[i] = Labels[source];
        }

        return new LabeledData(name ?? Name, features, labels, d, ClassNames, Shape);
    }

    /// <summary>A copy of the first <paramref name="count"/> samples (all of them if there are fewer).</summary>
    public LabeledData Take(int count, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var n = Math.Min(count, Count);
        return new LabeledData(name ?? Name, Features[..(n * FeatureCount)], Labels[..n], FeatureCount, ClassNames, Shape);
    }

    /// <summary>A copy of the samples from <paramref name="start"/> to the end.</summary>
    public LabeledData Skip(int start, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(start);
        var s = Math.Min(start, Count);
        return new LabeledData(name ?? Name, Features[(s * FeatureCount)..], Labels[s..], FeatureCount, ClassNames, Shape);
    }

    /// <summary>The same samples (arrays shared) under another name.</summary>
    public LabeledData WithName(string name) => new(name, Features, Labels, FeatureCount, ClassNames, Shape);

    /// <summary>The same labels with replacement features of the same size (e.g. normalised).</summary>
    public LabeledData WithFeatures(float[] features) => new(Name, features, Labels, FeatureCount, ClassNames, Shape);

    /// <inheritdoc />
    public override string ToString() =>
        $"{Name}: {Count} x {(Shape is { } s ? s.ToString() : FeatureCount.ToString(System.Globalization.CultureInfo.InvariantCulture))}, {ClassCount} classes";
}
