using System.Reflection;
using Google.Protobuf;
using Onnx;

namespace EvoPrune.Learning.Onnx;

/// <summary>
/// Builds one ONNX graph node by node (names are made unique by a counter), with float initializers, a batch input
/// <c>[N, width]</c> and outputs <c>[N, k]</c>, and turns it into a <see cref="ModelProto"/> of opset
/// <see cref="Opset"/> carrying EvoPrune's metadata.
/// </summary>
public sealed class OnnxGraphBuilder
{
    /// <summary>The default-domain opset every exported model imports (HardSwish needs 14, Softmax's axis rule 13).</summary>
    public const long Opset = 17;

    /// <summary>Name of the batch dimension of inputs and outputs.</summary>
    public const string BatchDimension = "N";

    private readonly GraphProto _graph;
    private int _counter;

    public OnnxGraphBuilder(string name)
    {
        _graph = new GraphProto { Name = name };
    }

    /// <summary>Declares a float input <c>[N, width]</c> and returns its name.</summary>
    public string Input(string name, int width)
    {
        _graph.Input.Add(ValueInfo(name, width));
        return name;
    }

    /// <summary>Declares <paramref name="value"/> as the float output <c>[N, width]</c> called <paramref name="name"/>.</summary>
    public void Output(string value, string name, int width)
    {
        if (value != name)
        {
            Node("Identity", [value], name);
        }

        _graph.Output.Add(ValueInfo(name, width));
    }

    /// <summary>A float constant of shape <paramref name="dims"/> (row-major <paramref name="values"/>).</summary>
    public string Constant(string hint, ReadOnlySpan<float> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Float };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A double constant of shape <paramref name="dims"/>.</summary>
    public string Constant(string hint, ReadOnlySpan<double> values, params long[] dims)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Double };
        tensor.Dims.AddRange(dims);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>A scalar float constant.</summary>
    public string Scalar(string hint, float value) => Constant(hint, [value]);

    /// <summary>An int64 constant of shape <c>[values.Length]</c> (shapes, indices, axes).</summary>
    public string Int64s(string hint, params long[] values)
    {
        var tensor = new TensorProto { Name = Fresh(hint), DataType = (int)TensorProto.Types.DataType.Int64 };
        tensor.Dims.Add(values.Length);
        tensor.RawData = ByteString.CopyFrom(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        _graph.Initializer.Add(tensor);
        return tensor.Name;
    }

    /// <summary>Adds a node and returns the name of its (single) output.</summary>
    public string Node(string op, IReadOnlyList<string> inputs, string? output = null, params (string Name, object Value)[] attributes)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var node = new NodeProto { OpType = op, Name = Fresh(op) };
        node.Input.AddRange(inputs);
        var result = output ?? Fresh(op.ToLowerInvariant());
        node.Output.Add(result);
        foreach (var (name, value) in attributes)
        {
            node.Attribute.Add(Attribute(name, value));
        }

        _graph.Node.Add(node);
        return result;
    }

    /// <summary>The model: this graph, opset <see cref="Opset"/>, and <paramref name="metadata"/> as metadata_props.</summary>
    public ModelProto Build(IReadOnlyDictionary<string, string> metadata, string docString)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        var model = new ModelProto
        {
            IrVersion = 8,
            ProducerName = "EvoPrune",
            ProducerVersion = Version,
            DocString = docString ?? string.Empty,
            Graph = _graph,
        };
        model.OpsetImport.Add(new OperatorSetIdProto { Domain = string.Empty, Version = Opset });
        foreach (var (key, value) in metadata.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            model.MetadataProps.Add(new StringStringEntryProto { Key = key, Value = value });
        }

        return model;
    }

    /// <summary>EvoPrune's version as the assemblies carry it.</summary>
    public static string Version { get; } =
        typeof(OnnxGraphBuilder).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? typeof(OnnxGraphBuilder).Assembly.GetName().Version?.ToString() ?? "unknown";

    private string Fresh(string hint) => $"{hint}_{_counter++}";

    private static ValueInfoProto ValueInfo(string name, int width)
    {
        var shape = new TensorShapeProto();
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimParam = BatchDimension });
        shape.Dim.Add(new TensorShapeProto.Types.Dimension { DimValue = width });
        return new ValueInfoProto
        {
            Name = name,
            Type = new TypeProto { TensorType = new TypeProto.Types.Tensor { ElemType = (int)TensorProto.Types.DataType.Float, Shape = shape } },
        };
    }

    private static AttributeProto Attribute(string name, object value)
    {
        var attribute = new AttributeProto { Name = name };
        switch (value)
        {
            case int i:
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.I = i;
                break;
            case long l:
                attribute.Type = AttributeProto.Types.AttributeType.Int;
                attribute.I = l;
                break;
            case float f:
                attribute.Type = AttributeProto.Types.AttributeType.Float;
                attribute.F = f;
                break;
            case double d:
                attribute.Type = AttributeProto.Types.AttributeType.Float;
                attribute.F = (float)d;
                break;
            case long[] ints:
                attribute.Type = AttributeProto.Types.AttributeType.Ints;
                attribute.Ints.AddRange(ints);
                break;
            default:
                throw new ArgumentException($"Attribute '{name}' has an unsupported type {value?.GetType().Name}.", nameof(value));
        }

        return attribute;
    }
}
