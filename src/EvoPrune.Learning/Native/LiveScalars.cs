using System.Reflection;
using TorchSharp;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Native;

/// <summary>
/// Scalars that live as long as the process, and the few operations that need them, so that no libtorch call receives
/// a Scalar that nothing roots. A TorchSharp <see cref="Scalar"/> is a bare native pointer with a finalizer; methods
/// such as <c>Tensor.add(Tensor)</c> (<c>=> add(target, 1)</c>), <c>add_(Scalar)</c>, <c>operator *(Tensor, double)</c>
/// and <c>functional.leaky_relu/elu/celu/softplus</c> make one from a number, read its handle and call libtorch, and a
/// collection started meanwhile by another worker's allocations can finalize it (freeing the <c>c10::Scalar</c>)
/// while libtorch still reads it: "Expected false to be true … toFloat at Scalar.h:140" (issue 19). Here the same
/// native operations run with Scalars held in static fields (shared read-only across threads, never disposed).
/// ScalarLifetimeTests reads the IL of this assembly and of TorchSharp and fails on any call that makes such a
/// temporary.
/// </summary>
public static class LiveScalars
{
    /// <summary>The integer 1, the alpha TorchSharp passes when none is given (<c>add(x) => add(x, 1)</c>).</summary>
    public static readonly Scalar IntOne = 1.ToScalar();

    /// <summary>The double 1.0 (elu's alpha, scale and input scale; celu's alpha; softplus' beta).</summary>
    public static readonly Scalar One = 1.0.ToScalar();

    /// <summary>The default negative slope of leaky ReLU, 0.01.</summary>
    public static readonly Scalar LeakySlope = 0.01.ToScalar();

    private static readonly Scalar SoftplusThreshold = 20.0.ToScalar();

    // Tensor.softplus(double, double) converts both numbers into temporaries and hands them to its private
    // softplus1(Scalar, Scalar), the one overload that takes Scalars; called here with live ones.
    private static readonly Func<Tensor, Scalar, Scalar, Tensor> SoftplusWithScalars =
        typeof(Tensor).GetMethod("softplus1", BindingFlags.NonPublic | BindingFlags.Instance, [typeof(Scalar), typeof(Scalar)]) is { } method
            ? method.CreateDelegate<Func<Tensor, Scalar, Scalar, Tensor>>()
            : throw new InvalidOperationException("This TorchSharp has no Tensor.softplus1(Scalar, Scalar); update LiveScalars.Softplus for it.");

    /// <summary><c>functional.softplus(x)</c> (β = 1, threshold 20), the same libtorch call.</summary>
    public static Tensor Softplus(Tensor x) => SoftplusWithScalars(x, One, SoftplusThreshold);

    /// <summary><c>functional.elu(x, 1.0)</c>, the same libtorch call.</summary>
    public static Tensor Elu(Tensor x) => x.elu(One, One, One);
}
