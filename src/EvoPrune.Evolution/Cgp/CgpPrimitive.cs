namespace EvoPrune.Evolution.Cgp;

/// <summary>
/// One operation a CGP node can apply. <see cref="Scalar"/> is the reference semantics on one number: the TorchSharp
/// compilation must agree with it, and the printed form is written from <see cref="Name"/> and <see cref="Infix"/>.
/// </summary>
/// <param name="Name">Name in printed programs (<c>tanh</c>, <c>max</c>, ...).</param>
/// <param name="Arity">1 or 2.</param>
/// <param name="Infix">The operator symbol for printing binary arithmetic (<c>+</c>, <c>-</c>, <c>*</c>), else null.</param>
/// <param name="Scalar">The function on doubles (the second argument is ignored for arity 1).</param>
public sealed record CgpPrimitive(string Name, int Arity, string? Infix, Func<double, double, double> Scalar)
{
    public override string ToString() => Name;
}
