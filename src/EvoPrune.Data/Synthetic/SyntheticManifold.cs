using System.Globalization;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Synthetic;

/// <summary>
/// One fixed random manifold problem: a latent distribution over z in R^d, a smooth map z -> x in R^D
/// (<see cref="ManifoldEmbedding"/>) and a label rule on z (<see cref="ManifoldLabelRule"/>) with class offsets
/// calibrated for balance. Everything is drawn from keyed streams of <see cref="Seed"/> (purposes
/// "manifold-map", "manifold-teacher", "manifold-calibration"), so the same seed and options give the same problem.
/// </summary>
public sealed class SyntheticManifold
{
    private const int CalibrationPerClass = 1000;
    private const int CalibrationMax = 20000;
    private const int CalibrationRounds = 300;
    private readonly double[] _map;
    private readonly double[] _phase;
    private readonly ManifoldTeacher _teacher;

    private SyntheticManifold(ManifoldOptions options, ulong seed)
    {
        Options = options;
        Seed = seed;
        int d = options.IntrinsicDimension, dd = options.AmbientDimension;
        var mapRandom = RandomSources.For(seed, -1, -1, "manifold-map");
        var scale = 1.0 / Math.Sqrt(d);
        _map = Enumerable.Range(0, dd * d).Select(_ => mapRandom.NextGaussian() * scale).ToArray();
        _phase = Enumerable.Range(0, dd).Select(_ => mapRandom.NextDouble() * 2 * Math.PI).ToArray();
        _teacher = new ManifoldTeacher(options, RandomSources.For(seed, -1, -1, "manifold-teacher"));
        var calibration = SampleLatent(Math.Min(CalibrationMax, CalibrationPerClass * options.ClassCount), RandomSources.For(seed, -1, -1, "manifold-calibration"));
        _teacher.Calibrate(calibration, CalibrationRounds);
    }

    /// <summary>The parameters.</summary>
    public ManifoldOptions Options { get; }

    /// <summary>The seed the map and the label rule were drawn from.</summary>
    public ulong Seed { get; }

    /// <summary>Class names "0".."K-1".</summary>
    public IReadOnlyList<string> ClassNames => Enumerable.Range(0, Options.ClassCount).Select(k => k.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>Draws the problem for <paramref name="options"/> from <paramref name="seed"/>.</summary>
    public static SyntheticManifold Create(ManifoldOptions options, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new SyntheticManifold(options, seed);
    }

    /// <summary>Maps latent coordinates (length d) to a noiseless point on the manifold (length D).</summary>
    public void Embed(ReadOnlySpan<double> latent, Span<float> point)
    {
        int d = Options.IntrinsicDimension, dd = Options.AmbientDimension;
        if (latent.Length != d || point.Length != dd)
        {
            throw new ArgumentException($"Expected {d} latent and {dd} ambient values, got {latent.Length} and {point.Length}.");
        }

        var linear = Options.Embedding == ManifoldEmbedding.Linear;
        var frequency = Options.Frequency;
        var map = _map.AsSpan();
        for (var j = 0; j < dd; j++)
        {
            var row = map.Slice(j * d, d);
            var dot = 0.0;
            for (var k = 0; k < row.Length; k++)
            {
                dot += row[k] * latent[k];
            }

            point[j] = (float)(linear ? dot : Math.Sin((frequency * dot) + _phase[j]));
        }
    }

    /// <summary>The class of latent coordinates <paramref name="latent"/> (length d).</summary>
    public int Label(ReadOnlySpan<double> latent) => _teacher.Label(latent);

    /// <summary>Draws <paramref name="count"/> latent points, row-major count x d.</summary>
    public double[] SampleLatent(int count, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var z = new double[count * Options.IntrinsicDimension];
        for (var i = 0; i < z.Length; i++)
        {
            z[i] = Options.Latent == LatentDistribution.Gaussian ? random.NextGaussian() : (2 * random.NextDouble()) - 1;
        }

        return z;
    }

    /// <summary>Embeds and labels the latent points (row-major n x d), adding the configured noise from <paramref name="noise"/>.</summary>
    public LabeledData Realize(double[] latent, IRandomSource noise, string name)
    {
        ArgumentNullException.ThrowIfNull(latent);
        ArgumentNullException.ThrowIfNull(noise);
        int d = Options.IntrinsicDimension, dd = Options.AmbientDimension, n = latent.Length / d;
        var features = new float[n * dd];
        var labels = new int[n];

        // Each point is a pure function of its latent row, so rows are embedded in parallel; the noise is drawn
        // afterwards in row order from the one stream, so the result does not depend on scheduling.
        Parallel.For(0, n, i =>
        {
            var z = latent.AsSpan(i * d, d);
            Embed(z, features.AsSpan(i * dd, dd));
            labels[i] = Label(z);
        });
        if (Options.Noise > 0)
        {
            for (var i = 0; i < features.Length; i++)
            {
                features[i] += (float)(Options.Noise * noise.NextGaussian());
            }
        }

        return new LabeledData(name, features, labels, dd, ClassNames);
    }

    /// <summary>Draws <paramref name="count"/> labelled points: latent and noise from <paramref name="random"/>.</summary>
    public LabeledData Sample(int count, IRandomSource random, string name) => Realize(SampleLatent(count, random), random, name);

    /// <summary>The train and test sets: independent draws keyed "manifold-train" and "manifold-test".</summary>
    public (LabeledData Train, LabeledData Test) SampleSplits(string name = "manifold") =>
        (Sample(Options.TrainCount, RandomSources.For(Seed, -1, -1, "manifold-train"), $"{name}/train"),
         Sample(Options.TestCount, RandomSources.For(Seed, -1, -1, "manifold-test"), $"{name}/test"));
}
