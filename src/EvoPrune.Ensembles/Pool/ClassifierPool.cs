using EvoPrune.Data;
using EvoPrune.Data.Normalization;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// A trained pool. Features are standardised per feature with statistics of the training split before any member
/// sees them. Member m is trained with seed RandomKey(seed, -1, m, "member").Digest(); bootstrap replica r of a member
/// resamples the training rows with RandomKey(seed, -1, m, "bootstrap"), topping up any class the resample missed
/// with one of its rows so every member knows every class. Members are ordered by name list, replicas after originals.
/// </summary>
public sealed class ClassifierPool : IDisposable
{
    private readonly IReadOnlyList<IBaseClassifier> _members;
    private readonly NormalizationStats _normalization;

    private ClassifierPool(IReadOnlyList<IBaseClassifier> members, IReadOnlyList<string> names, NormalizationStats normalization)
    {
        _members = members;
        MemberNames = names;
        _normalization = normalization;
    }

    /// <summary>Member names, unique ("name" for originals, "name#b&lt;r&gt;" for replicas).</summary>
    public IReadOnlyList<string> MemberNames { get; }

    /// <summary>The trained members, in <see cref="MemberNames"/> order (for export).</summary>
    public IReadOnlyList<IBaseClassifier> Members => _members;

    /// <summary>The per-feature standardisation every member's input goes through (training-split statistics).</summary>
    public NormalizationStats Normalization => _normalization;

    /// <summary>Trains every member of <paramref name="spec"/> on <paramref name="train"/>.</summary>
    public static ClassifierPool Train(LabeledData train, PoolSpec spec, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(spec);
        spec.Validate();
        var normalization = NormalizationStats.Compute(train, NormalizationMode.PerFeature);
        var scaled = normalization.Apply(train);
        var members = new List<IBaseClassifier>();
        var names = new List<string>();
        for (var replica = 0; replica <= spec.BootstrapReplicas; replica++)
        {
            foreach (var name in spec.Members)
            {
                var index = members.Count;
                var classifier = BaseClassifiers.Create(name);
                var data = replica == 0 ? scaled : Bootstrap(scaled, RandomSources.For(seed, -1, index, "bootstrap"));
                classifier.Fit(data, new RandomKey(seed, -1, index, "member").Digest());
                members.Add(classifier);
                names.Add(replica == 0 ? classifier.Name : $"{classifier.Name}#b{replica}");
            }
        }

        return new ClassifierPool(members, names, normalization);
    }

    /// <summary>Cached member outputs on the selection and test splits (raw features; the pool standardises them).</summary>
    public PoolPredictions Predict(LabeledData selection, LabeledData test)
    {
        ArgumentNullException.ThrowIfNull(selection);
        ArgumentNullException.ThrowIfNull(test);
        return new PoolPredictions(MemberNames, PredictSplit(selection), PredictSplit(test));
    }

    /// <summary>Cached member outputs on one split.</summary>
    public SplitPredictions PredictSplit(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var scaled = _normalization.Apply(data);
        var probabilities = _members.Select(m => m.PredictProbabilities(scaled)).ToArray();
        return new SplitPredictions(data.Labels, probabilities, data.ClassCount);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var member in _members.OfType<IDisposable>())
        {
            member.Dispose();
        }
    }

    private static LabeledData Bootstrap(LabeledData data, IRandomSource random)
    {
        var indices = new List<int>(data.Count);
        var seen = new bool[data.ClassCount];
        for (var i = 0; i < data.Count; i++)
        {
            var pick = random.NextInt(data.Count);
            indices.Add(pick);
            seen[data.Labels[pick]] = true;
        }

        for (var k = 0; k < seen.Length; k++)
        {
            var first = Array.IndexOf(data.Labels, k);
            if (!seen[k] && first >= 0)
            {
                indices.Add(first);
            }
        }

        return data.Subset(indices);
    }
}
