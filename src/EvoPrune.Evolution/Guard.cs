using System.Runtime.CompilerServices;

namespace EvoPrune.Evolution;

/// <summary>Argument checks shared by the operators, with messages that name the setting.</summary>
internal static class Guard
{
    /// <summary>Returns <paramref name="value"/> when it is a probability in [0, 1]; NaN is rejected.</summary>
    public static double Probability(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value >= 0.0 && value <= 1.0))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a probability in [0, 1].");
        }

        return value;
    }

    /// <summary>Returns <paramref name="value"/> when it is finite and strictly positive.</summary>
    public static double PositiveFinite(double value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (!(value > 0.0 && double.IsFinite(value)))
        {
            throw new ArgumentOutOfRangeException(paramName, value, $"{paramName} must be a finite number greater than 0.");
        }

        return value;
    }
}
