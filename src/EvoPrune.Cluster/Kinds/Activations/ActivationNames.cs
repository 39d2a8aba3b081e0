using EvoPrune.Evolution.Cgp;
using EvoPrune.Learning.Activations;

namespace EvoPrune.Cluster.Kinds.Activations;

/// <summary>Why an activation name in a config cannot be used: a CGP program that does not parse says why.</summary>
public static class ActivationNames
{
    /// <summary>Null when <paramref name="name"/> is a known function or a valid CGP program; otherwise the problem.</summary>
    public static string? Problem(string name)
    {
        if (CgpProgram.LooksLikeProgram(name))
        {
            try
            {
                _ = CgpProgram.Parse(name);
                return null;
            }
            catch (ArgumentException ex)
            {
                return $"the CGP program does not parse: {ex.Message.Replace(" (Parameter 'text')", string.Empty, StringComparison.Ordinal).Replace(" (Parameter 'genes')", string.Empty, StringComparison.Ordinal)}";
            }
        }

        return ActivationRegistry.Contains(name) ? null : $"unknown activation '{name}'. Known: {string.Join(", ", ActivationRegistry.Names)}.";
    }
}
