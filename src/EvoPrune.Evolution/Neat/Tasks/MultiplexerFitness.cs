namespace EvoPrune.Evolution.Neat.Tasks;

/// <summary>How <see cref="MultiplexerTask"/> turns a network's answers to the cases into one fitness.</summary>
public enum MultiplexerFitness
{
    /// <summary>The cases answered on the right side of 0.5 plus Σ(1 − |error|) (EvoPrune's default).</summary>
    Absolute,

    /// <summary>
    /// SharpNEAT's Σ(1 − error²), the output clamped to [0, 1], without its bonus for a solution (solved is reported
    /// apart). Its source notes that squared error drove evolution on the multiplexers much better than absolute error.
    /// </summary>
    Squared,
}
