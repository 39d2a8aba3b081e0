using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Native;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Activations;

/// <summary>
/// The standard activation functions by name (lower-case, as in configs). Each is a pure tensor function, so
/// a layer's activation is a name that travels in genomes and configs and is looked up on the evaluating silo.
/// An evolved function is named by its program text (<c>cgp:5.5.5:...</c>, see <see cref="CgpActivation"/>). Numbers
/// reach libtorch as <see cref="LiveScalars"/>, never as temporaries another thread's collection could free mid-call.
/// </summary>
public static class ActivationRegistry
{
    private static readonly Dictionary<string, Func<Tensor, Tensor>> Functions = new(StringComparer.OrdinalIgnoreCase)
    {
        ["relu"] = x => nn.functional.relu(x),
        ["leaky_relu"] = x => x.leaky_relu(LiveScalars.LeakySlope),
        ["elu"] = LiveScalars.Elu,
        ["selu"] = x => nn.functional.selu(x),
        ["gelu"] = x => nn.functional.gelu(x),
        ["silu"] = x => nn.functional.silu(x),
        ["tanh"] = x => x.tanh(),
        ["sigmoid"] = x => x.sigmoid(),
        ["softplus"] = LiveScalars.Softplus,
        ["softsign"] = x => x / x.abs().add(LiveScalars.IntOne, LiveScalars.IntOne),
        ["sin"] = x => x.sin(),
        ["hardswish"] = x => nn.functional.hardswish(x),
        ["mish"] = x => x * LiveScalars.Softplus(x).tanh(),
        ["identity"] = x => x.alias(),
    };

    /// <summary>Every registered name, sorted.</summary>
    public static IReadOnlyList<string> Names { get; } = Functions.Keys.Order(StringComparer.Ordinal).ToArray();

    /// <summary>True if <paramref name="name"/> is registered.</summary>
    public static bool Contains(string name) => Functions.ContainsKey(name) || (CgpProgram.LooksLikeProgram(name) && TryParse(name) != null);

    /// <summary>The readable form of an activation name: the formula of a CGP program, the name itself otherwise.</summary>
    public static string Describe(string name) => CgpProgram.LooksLikeProgram(name) ? CgpProgram.Parse(name).Expression : name;

    /// <summary>The function called <paramref name="name"/>; the error lists the valid names.</summary>
    public static Func<Tensor, Tensor> Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (CgpProgram.LooksLikeProgram(name))
        {
            return CgpActivation.Compile(CgpProgram.Parse(name));
        }

        return Functions.TryGetValue(name, out var f)
            ? f
            : throw new ArgumentException($"Unknown activation '{name}'. Known: {string.Join(", ", Names)}.", nameof(name));
    }

    private static CgpProgram? TryParse(string text)
    {
        try
        {
            return CgpProgram.Parse(text);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
