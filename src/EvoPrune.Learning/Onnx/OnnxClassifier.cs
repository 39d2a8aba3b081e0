using Microsoft.ML.OnnxRuntime;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// An exported model loaded in ONNX Runtime (CPU): runs float features [N, width] through the graph and returns its
/// <c>probabilities</c> [N, classes]. A file that is not an ONNX model, or one without a float [N, width] input and a
/// <c>probabilities</c> output, is reported as <see cref="InvalidDataException"/> naming the file.
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;

    private OnnxClassifier(InferenceSession session, string path)
    {
        _session = session;
        Path = path;
        var inputs = session.InputMetadata;
        if (inputs.Count != 1)
        {
            throw new InvalidDataException($"{path}: the model has {inputs.Count} inputs; EvoPrune models take one, [N, features].");
        }

        var (name, meta) = inputs.First();
        if (meta.ElementType != typeof(float) || meta.Dimensions.Length != 2 || meta.Dimensions[1] <= 0)
        {
            throw new InvalidDataException($"{path}: input '{name}' is {meta.ElementType.Name}[{string.Join(", ", meta.Dimensions)}]; expected float [N, features].");
        }

        if (!session.OutputMetadata.TryGetValue(NetworkOnnx.ProbabilitiesName, out var output) || output.Dimensions.Length != 2 || output.Dimensions[1] <= 0)
        {
            throw new InvalidDataException($"{path}: the model has no '{NetworkOnnx.ProbabilitiesName}' output of shape [N, classes] (outputs: {string.Join(", ", session.OutputMetadata.Keys)}).");
        }

        _input = name;
        Width = meta.Dimensions[1];
        Classes = output.Dimensions[1];
        Metadata = session.ModelMetadata.CustomMetadataMap;
    }

    public string Path { get; }

    /// <summary>Features per sample the graph takes.</summary>
    public int Width { get; }

    /// <summary>Columns of <c>probabilities</c>.</summary>
    public int Classes { get; }

    /// <summary>The model's metadata_props.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; }

    /// <summary>Loads <paramref name="path"/>; <paramref name="threads"/> intra-op threads (0: ONNX Runtime's default).</summary>
    public static OnnxClassifier Load(string path, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such file.", path);
        }

        return Open(options => new InferenceSession(path, options), path, threads);
    }

    /// <summary>Loads a model held in memory (<paramref name="name"/> names it in errors); <paramref name="threads"/> as <see cref="Load(string, int)"/>.</summary>
    public static OnnxClassifier Load(byte[] model, string name, int threads = 0)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(name);
        return Open(options => new InferenceSession(model, options), name, threads);
    }

    private static OnnxClassifier Open(Func<SessionOptions, InferenceSession> create, string path, int threads)
    {
        using var options = new SessionOptions { IntraOpNumThreads = threads, InterOpNumThreads = 1 };
        InferenceSession session;
        try
        {
            session = create(options);
        }
        catch (OnnxRuntimeException ex)
        {
            throw new InvalidDataException($"{path}: not a model ONNX Runtime can load ({FirstLine(ex.Message)}).", ex);
        }

        try
        {
            return new OnnxClassifier(session, path);
        }
        catch
        {
            session.Dispose();
            throw;
        }
    }

    /// <summary>Probabilities [count, classes] for <paramref name="count"/> rows of <paramref name="features"/>, in batches.</summary>
    public float[] Predict(ReadOnlySpan<float> features, int count, int batch = 1024)
    {
        if (features.Length != (long)count * Width)
        {
            throw new ArgumentException($"{Path}: the model takes {Width} features per sample; the data has {(count == 0 ? 0 : features.Length / count)}.");
        }

        var result = new float[count * Classes];
        for (var start = 0; start < count; start += batch)
        {
            var n = Math.Min(batch, count - start);
            Run(features.Slice(start * Width, n * Width).ToArray(), n).CopyTo(result.AsSpan(start * Classes));
        }

        return result;
    }

    /// <summary>One run of the graph on <paramref name="n"/> rows (no copies beyond ONNX Runtime's own).</summary>
    public ReadOnlySpan<float> Run(float[] rows, int n)
    {
        using var input = OrtValue.CreateTensorValueFromMemory(rows, [n, Width]);
        using var options = new RunOptions();
        using var outputs = _session.Run(options, [_input], [input], [NetworkOnnx.ProbabilitiesName]);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>The index of the largest probability of each row.</summary>
    public static int[] Classify(ReadOnlySpan<float> probabilities, int classes)
    {
        var labels = new int[probabilities.Length / classes];
        for (var i = 0; i < labels.Length; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (row[c] > row[best])
                {
                    best = c;
                }
            }

            labels[i] = best;
        }

        return labels;
    }

    public void Dispose() => _session.Dispose();

    private static string FirstLine(string message) => message.Split('\n')[0].Trim();
}
