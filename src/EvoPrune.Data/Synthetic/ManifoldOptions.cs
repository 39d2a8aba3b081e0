using System.Globalization;
using System.Text;

namespace EvoPrune.Data.Synthetic;

/// <summary>
/// Parameters of a synthetic classification set whose points lie on a d-dimensional manifold in D dimensions
/// (for prunability vs intrinsic dimension studies). Text form, for the catalog name <c>manifold:...</c> and
/// CLI options: comma-separated <c>key=value</c> pairs, e.g. <c>d=4,D=64,K=5,n=5000,test=1000,noise=0.01</c>.
/// Keys: d (intrinsic), D (ambient), K (classes), n (train), test, noise, latent (uniform|gaussian),
/// embedding (linear|sine), frequency, rule (linear|teacher), hidden. Case matters for d and D only.
/// </summary>
public sealed record ManifoldOptions
{
    /// <summary>d, the intrinsic (latent) dimension.</summary>
    public int IntrinsicDimension { get; init; } = 4;

    /// <summary>D, the ambient dimension (number of features); at least d.</summary>
    public int AmbientDimension { get; init; } = 64;

    /// <summary>K, the number of classes.</summary>
    public int ClassCount { get; init; } = 4;

    /// <summary>Training samples to generate (the validation split is carved out of these).</summary>
    public int TrainCount { get; init; } = 5000;

    /// <summary>Test samples to generate (an independent draw).</summary>
    public int TestCount { get; init; } = 1000;

    /// <summary>Standard deviation of isotropic Gaussian noise added in ambient space (0 = exactly on the manifold).</summary>
    public double Noise { get; init; }

    /// <summary>Distribution of the latent coordinates.</summary>
    public LatentDistribution Latent { get; init; } = LatentDistribution.Uniform;

    /// <summary>The latent-to-ambient map.</summary>
    public ManifoldEmbedding Embedding { get; init; } = ManifoldEmbedding.Sine;

    /// <summary>Phase scale of the <see cref="ManifoldEmbedding.Sine"/> map (higher = more curved).</summary>
    public double Frequency { get; init; } = 2.0;

    /// <summary>How labels are computed from latent coordinates.</summary>
    public ManifoldLabelRule LabelRule { get; init; } = ManifoldLabelRule.Linear;

    /// <summary>Hidden units of the <see cref="ManifoldLabelRule.Teacher"/> network.</summary>
    public int TeacherHidden { get; init; } = 16;

    /// <summary>
    /// Parses the text form (see the type summary) over the defaults; an empty text gives the defaults. Any
    /// problem (syntax, unknown key, value out of range) is a <see cref="FormatException"/>.
    /// </summary>
    public static ManifoldOptions Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new ManifoldOptions();
        foreach (var pair in text.Split([',', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                throw new FormatException($"Manifold option '{pair}' is not key=value.");
            }

            options = options.With(pair[..eq].Trim(), pair[(eq + 1)..].Trim());
        }

        try
        {
            options.Validate();
        }
        catch (ArgumentException e)
        {
            throw new FormatException(e.Message, e);
        }

        return options;
    }

    /// <summary>Throws <see cref="ArgumentException"/> if a parameter is out of range.</summary>
    public void Validate()
    {
        Check(IntrinsicDimension >= 1, "d (intrinsic dimension) must be at least 1");
        Check(AmbientDimension >= IntrinsicDimension, "D (ambient dimension) must be at least d");
        Check(ClassCount is >= 2 and <= 1000, "K (classes) must be between 2 and 1000");
        Check(TrainCount >= 0 && TestCount >= 0, "sample counts must not be negative");
        Check(Noise >= 0 && double.IsFinite(Noise), "noise must be a finite non-negative number");
        Check(Frequency > 0 && double.IsFinite(Frequency), "frequency must be positive");
        Check(TeacherHidden is >= 1 and <= 1000, "hidden must be between 1 and 1000");
    }

    /// <summary>The canonical text form, which <see cref="Parse"/> reads back to an equal value.</summary>
    public string ToSpec()
    {
        var c = CultureInfo.InvariantCulture;
        var text = new StringBuilder()
            .Append(c, $"d={IntrinsicDimension},D={AmbientDimension},K={ClassCount},n={TrainCount},test={TestCount},noise={Noise.ToString("R", c)}")
            .Append(c, $",latent={Latent},embedding={Embedding},frequency={Frequency.ToString("R", c)}")
            .Append(c, $",rule={LabelRule},hidden={TeacherHidden}");
        return text.ToString();
    }

    private static void Check(bool ok, string problem)
    {
        if (!ok)
        {
            throw new ArgumentException($"Invalid manifold options: {problem}.");
        }
    }

    private ManifoldOptions With(string key, string value) => key switch
    {
        "d" or "intrinsic" => this with { IntrinsicDimension = Int(key, value) },
        "D" or "ambient" => this with { AmbientDimension = Int(key, value) },
        "K" or "k" or "classes" => this with { ClassCount = Int(key, value) },
        "n" or "N" or "train" => this with { TrainCount = Int(key, value) },
        "test" => this with { TestCount = Int(key, value) },
        "noise" => this with { Noise = Real(key, value) },
        "frequency" or "freq" => this with { Frequency = Real(key, value) },
        "hidden" => this with { TeacherHidden = Int(key, value) },
        "latent" => this with { Latent = Enum<LatentDistribution>(key, value) },
        "embedding" => this with { Embedding = Enum<ManifoldEmbedding>(key, value) },
        "rule" => this with { LabelRule = Enum<ManifoldLabelRule>(key, value) },
        _ => throw new FormatException($"Unknown manifold option '{key}' (known: d, D, K, n, test, noise, latent, embedding, frequency, rule, hidden)."),
    };

    private static int Int(string key, string value) =>
        int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"Manifold option {key}='{value}' is not an integer.");

    private static double Real(string key, string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw new FormatException($"Manifold option {key}='{value}' is not a number.");

    private static T Enum<T>(string key, string value)
        where T : struct, Enum =>
        System.Enum.TryParse<T>(value, ignoreCase: true, out var v) && System.Enum.IsDefined(v)
            ? v
            : throw new FormatException($"Manifold option {key}='{value}' is not one of {string.Join(", ", System.Enum.GetNames<T>())}.");
}
