namespace EvoPrune.Learning.Pruning;

/// <summary>
/// The lottery-ticket paper's control as a method of its own: run IMP to its final mask, then train that mask from a
/// fresh draw of initial weights (stream "reinit0") instead of the rewound ones. Comparing it with IMP at the same
/// sparsity separates the mask from the initialisation it was found with.
/// </summary>
public sealed class ImpReinitControl : IPruningMethod
{
    private readonly IterativeMagnitudePruning _imp;
    private readonly double _target;

    public ImpReinitControl(ImpOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _imp = new IterativeMagnitudePruning(options);
        _target = options.Target?.Sparsity ?? double.NaN;
    }

    /// <inheritdoc />
    public string Name => "imp-reinit";

    /// <inheritdoc />
    public double TargetSparsity => _target;

    /// <inheritdoc />
    public PruningOutcome Run(PruningContext context, CancellationToken cancellationToken = default)
    {
        var masks = _imp.Run(context, cancellationToken).Masks;
        var control = IterativeMagnitudePruning.RandomReinitialisation(context, masks, 0, cancellationToken);
        return control with { Report = control.Report with { Method = Name, TargetSparsity = _target } };
    }
}
