using System.Globalization;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Builds base classifiers from short names, so a pool can be described by strings (config files, grain messages):
/// "logreg", "sdca", "linsvm", "fasttree", "forest", "lightgbm", "gnb", "knn&lt;k&gt;" (e.g. "knn5"), and
/// "mlp&lt;w1&gt;x&lt;w2&gt;..." with an optional "-&lt;activation&gt;" (e.g. "mlp32x16-tanh").
/// </summary>
public static class BaseClassifiers
{
    /// <summary>A 20-member default: six ML.NET trainers, GNB, three k-NN and ten MLPs of varied shapes.</summary>
    public static IReadOnlyList<string> Default { get; } =
    [
        "logreg", "sdca", "linsvm", "fasttree", "forest", "lightgbm", "gnb", "knn1", "knn5", "knn15",
        "mlp8", "mlp16", "mlp32", "mlp64", "mlp16x8", "mlp32x16", "mlp16-tanh", "mlp32-tanh", "mlp64x32-tanh", "mlp8x8-tanh",
    ];

    /// <summary>A fast 8-member pool for tests and smoke runs.</summary>
    public static IReadOnlyList<string> Small { get; } = ["logreg", "fasttree", "gnb", "knn1", "knn5", "mlp16", "mlp8-tanh", "linsvm"];

    /// <summary>Creates the classifier called <paramref name="name"/>; throws <see cref="ArgumentException"/> for unknown names.</summary>
    public static IBaseClassifier Create(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var lower = name.Trim().ToLowerInvariant();
        switch (lower)
        {
            case "logreg": return new MlNetClassifier(MlNetAlgorithm.LogisticRegression);
            case "sdca": return new MlNetClassifier(MlNetAlgorithm.SdcaMaximumEntropy);
            case "linsvm": return new MlNetClassifier(MlNetAlgorithm.LinearSvm);
            case "fasttree": return new MlNetClassifier(MlNetAlgorithm.FastTree);
            case "forest": return new MlNetClassifier(MlNetAlgorithm.FastForest);
            case "lightgbm": return new MlNetClassifier(MlNetAlgorithm.LightGbm);
            case "gnb": return new GaussianNaiveBayes();
        }

        if (lower.StartsWith("knn", StringComparison.Ordinal) && int.TryParse(lower[3..], NumberStyles.None, CultureInfo.InvariantCulture, out var k) && k > 0)
        {
            return new KNearestNeighbors(k);
        }

        if (lower.StartsWith("mlp", StringComparison.Ordinal))
        {
            var parts = lower[3..].Split('-', 2);
            var widths = parts[0].Split('x');
            var hidden = new List<int>();
            foreach (var w in widths)
            {
                if (!int.TryParse(w, NumberStyles.None, CultureInfo.InvariantCulture, out var width) || width <= 0)
                {
                    throw new ArgumentException($"Bad MLP widths in '{name}' (expected e.g. mlp32x16).", nameof(name));
                }

                hidden.Add(width);
            }

            return new MlpClassifier(hidden, activation: parts.Length > 1 ? parts[1] : "relu");
        }

        throw new ArgumentException($"Unknown base classifier '{name}'. Known: logreg, sdca, linsvm, fasttree, forest, lightgbm, gnb, knn<k>, mlp<w>[x<w>...][-activation].", nameof(name));
    }
}
