using EvoPrune.Data;
using EvoPrune.Evolution.Randomness;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Trainers;
using Microsoft.ML.Trainers.FastTree;
using Microsoft.ML.Trainers.LightGbm;

namespace EvoPrune.Ensembles.Pool;

/// <summary>
/// Wraps one ML.NET multiclass trainer. The MLContext is seeded from RandomKey(seed, -1, -1, "mlnet") and every
/// trainer runs on one thread, so a seed fixes the model. Labels travel as a key type with exactly K values, so the
/// score vector has one entry per class in class order; scores that are not probabilities are normalised
/// (see <see cref="Probabilities.NormalizeRows"/>).
/// </summary>
public sealed class MlNetClassifier : IBaseClassifier
{
    private ITransformer? _model;
    private MLContext? _context;
    private int _classes;

    /// <summary>Creates a classifier that trains with <paramref name="algorithm"/>.</summary>
    public MlNetClassifier(MlNetAlgorithm algorithm) => Algorithm = algorithm;

    public MlNetAlgorithm Algorithm { get; }

    /// <inheritdoc />
    public string Name => Algorithm switch
    {
        MlNetAlgorithm.LogisticRegression => "logreg",
        MlNetAlgorithm.SdcaMaximumEntropy => "sdca",
        MlNetAlgorithm.LinearSvm => "linsvm",
        MlNetAlgorithm.FastTree => "fasttree",
        MlNetAlgorithm.FastForest => "forest",
        _ => "lightgbm",
    };

    /// <inheritdoc />
    public void Fit(LabeledData train, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(train);
        _classes = train.ClassCount;
        _context = new MLContext(new RandomKey(seed, -1, -1, "mlnet").ToInt32Seed());
        var view = ToDataView(_context, train);
        _model = CreateTrainer(_context, train.Count).Fit(view);
    }

    /// <inheritdoc />
    public float[] PredictProbabilities(LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(data);
        var model = _model ?? throw new InvalidOperationException("Fit must be called before predicting.");
        var scored = model.Transform(ToDataView(_context!, data));
        var result = new float[data.Count * _classes];
        var i = 0;
        foreach (var score in scored.GetColumn<float[]>("Score"))
        {
            score.AsSpan(0, Math.Min(_classes, score.Length)).CopyTo(result.AsSpan(i * _classes, _classes));
            i++;
        }

        Probabilities.NormalizeRows(result, _classes);
        return result;
    }

    private IEstimator<ITransformer> CreateTrainer(MLContext ml, int count)
    {
        var minLeaf = Math.Max(2, Math.Min(10, count / 20));
        return Algorithm switch
        {
            MlNetAlgorithm.LogisticRegression => ml.MulticlassClassification.Trainers.LbfgsMaximumEntropy(
                new LbfgsMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, L2Regularization = 0.1f }),
            MlNetAlgorithm.SdcaMaximumEntropy => ml.MulticlassClassification.Trainers.SdcaMaximumEntropy(
                new SdcaMaximumEntropyMulticlassTrainer.Options { NumberOfThreads = 1, MaximumNumberOfIterations = 50 }),
            MlNetAlgorithm.LinearSvm => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.LinearSvm(numberOfIterations: 20), useProbabilities: false),
            MlNetAlgorithm.FastTree => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastTree(new FastTreeBinaryTrainer.Options
                {
                    NumberOfThreads = 1, NumberOfTrees = 40, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = minLeaf,
                })),
            MlNetAlgorithm.FastForest => ml.MulticlassClassification.Trainers.OneVersusAll(
                ml.BinaryClassification.Trainers.FastForest(new FastForestBinaryTrainer.Options
                {
                    NumberOfThreads = 1, NumberOfTrees = 40, NumberOfLeaves = 16, MinimumExampleCountPerLeaf = minLeaf,
                }),
                useProbabilities: false),
            _ => ml.MulticlassClassification.Trainers.LightGbm(new LightGbmMulticlassTrainer.Options
            {
                NumberOfThreads = 1, NumberOfIterations = 40, NumberOfLeaves = 8, MinimumExampleCountPerLeaf = minLeaf,
                Seed = 1, Silent = true,
            }),
        };
    }

    private static IDataView ToDataView(MLContext ml, LabeledData data)
    {
        var rows = new MlNetRow[data.Count];
        for (var i = 0; i < data.Count; i++)
        {
            // LoadFromEnumerable takes the key's zero-based index here (score slot k = class k), not the 1-based raw key.
            rows[i] = new MlNetRow { Label = (uint)data.Labels[i], Features = data.Row(i).ToArray() };
        }

        var schema = SchemaDefinition.Create(typeof(MlNetRow));
        schema[nameof(MlNetRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, data.FeatureCount);
        schema[nameof(MlNetRow.Label)].ColumnType = new KeyDataViewType(typeof(uint), data.ClassCount);
        return ml.Data.LoadFromEnumerable(rows, schema);
    }
}
