using EvoPrune.Data;
using EvoPrune.Learning.Onnx;

namespace EvoPrune.Cli.Export;

/// <summary>Runs an exported model on labelled data in ONNX Runtime: predicted classes, accuracy, confusion matrix.</summary>
internal sealed record OnnxEvaluation(float[] Probabilities, int[] Predicted, int[] Labels, int Classes)
{
    public double Accuracy => Labels.Length == 0 ? 0 : (double)Predicted.Zip(Labels).Count(p => p.First == p.Second) / Labels.Length;

    /// <summary>Counts [true class, predicted class].</summary>
    public int[,] Confusion()
    {
        var matrix = new int[Classes, Classes];
        for (var i = 0; i < Labels.Length; i++)
        {
            matrix[Labels[i], Predicted[i]]++;
        }

        return matrix;
    }

    /// <summary>Runs <paramref name="model"/> on <paramref name="data"/>; throws naming both when widths or classes disagree.</summary>
    public static OnnxEvaluation Run(OnnxClassifier model, LabeledData data)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(data);
        if (model.Width != data.FeatureCount)
        {
            throw new ArgumentException($"{model.Path}: the model takes {model.Width} features per sample; {data.Name} has {data.FeatureCount}.");
        }

        if (model.Classes != data.ClassCount)
        {
            throw new ArgumentException($"{model.Path}: the model outputs {model.Classes} classes; {data.Name} has {data.ClassCount}.");
        }

        var probabilities = model.Predict(data.Features, data.Count);
        return new OnnxEvaluation(probabilities, OnnxClassifier.Classify(probabilities, model.Classes), data.Labels, model.Classes);
    }
}
