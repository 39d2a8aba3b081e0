namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>
/// The payload of an <c>activations</c> genome: the network's three slot functions (standard names or CGP program
/// texts), which slot the search varied (−1: all three, or none), and whether this is the final training of the winner.
/// </summary>
/// <param name="Functions">Input-, hidden- and output-layer function.</param>
/// <param name="Slot">The slot this candidate was bred for; −1 when it fills every slot or is a whole triple.</param>
/// <param name="Final">True for the last generation's genome: trained on train ∪ validation for the final epochs and tested.</param>
public sealed record ActivationCandidate(IReadOnlyList<string> Functions, int Slot, bool Final = false)
{
    /// <summary>The function being evolved: the one in <see cref="Slot"/>, or the first when all slots hold it.</summary>
    public string Evolved => Functions[Math.Max(0, Slot)];

    /// <summary>The same triple with <paramref name="function"/> in <paramref name="slot"/>.</summary>
    public ActivationCandidate With(int slot, string function)
    {
        var functions = Functions.ToArray();
        functions[slot] = function;
        return new ActivationCandidate(functions, slot);
    }
}
