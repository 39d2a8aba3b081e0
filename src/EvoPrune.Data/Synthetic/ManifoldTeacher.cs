using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Data.Synthetic;

/// <summary>The label rule of a <see cref="SyntheticManifold"/>: argmax of random scores plus calibrated offsets.</summary>
internal sealed class ManifoldTeacher
{
    private readonly int _d;
    private readonly int _classes;
    private readonly int _hidden;
    private readonly double[] _inWeights;
    private readonly double[] _inBias;
    private readonly double[] _outWeights;
    private readonly double[] _offsets;

    public ManifoldTeacher(ManifoldOptions options, IRandomSource random)
    {
        _d = options.IntrinsicDimension;
        _classes = options.ClassCount;
        var teacher = options.LabelRule == ManifoldLabelRule.Teacher;
        _hidden = teacher ? options.TeacherHidden : 0;

        // Pre-activations get a standard deviation of about 1.5 for uniform latents: tanh is genuinely curved.
        var inScale = 1.5 * Math.Sqrt(3.0 / _d);
        _inWeights = Enumerable.Range(0, (teacher ? _hidden : _classes) * _d).Select(_ => random.NextGaussian() * (teacher ? inScale : 1)).ToArray();
        _inBias = Enumerable.Range(0, _hidden).Select(_ => (2 * random.NextDouble()) - 1).ToArray();
        _outWeights = Enumerable.Range(0, _classes * _hidden).Select(_ => random.NextGaussian()).ToArray();
        _offsets = new double[_classes];
    }

    public int Label(ReadOnlySpan<double> z)
    {
        Span<double> scores = stackalloc double[_classes];
        Scores(z, scores);
        return ArgMax(scores, _offsets);
    }

    /// <summary>Adjusts the class offsets until the classes of <paramref name="latent"/> are about equally frequent.</summary>
    public void Calibrate(double[] latent, int rounds)
    {
        var n = latent.Length / _d;
        var scores = new double[n * _classes];
        for (var i = 0; i < n; i++)
        {
            Scores(latent.AsSpan(i * _d, _d), scores.AsSpan(i * _classes, _classes));
        }

        var mean = scores.Average();
        var scale = Math.Sqrt(scores.Select(s => (s - mean) * (s - mean)).Average()) + 1e-12;
        var counts = new int[_classes];
        for (var round = 0; round < rounds; round++)
        {
            Array.Clear(counts);
            for (var i = 0; i < n; i++)
            {
                counts[ArgMax(scores.AsSpan(i * _classes, _classes), _offsets)]++;
            }

            var step = scale / (1 + (0.05 * round));
            for (var k = 0; k < _classes; k++)
            {
                _offsets[k] += step * ((1.0 / _classes) - ((double)counts[k] / n));
            }
        }
    }

    private void Scores(ReadOnlySpan<double> z, Span<double> scores)
    {
        if (_hidden == 0)
        {
            for (var k = 0; k < _classes; k++)
            {
                scores[k] = Dot(_inWeights.AsSpan(k * _d, _d), z);
            }

            return;
        }

        Span<double> hidden = stackalloc double[_hidden];
        for (var h = 0; h < _hidden; h++)
        {
            hidden[h] = Math.Tanh(Dot(_inWeights.AsSpan(h * _d, _d), z) + _inBias[h]);
        }

        for (var k = 0; k < _classes; k++)
        {
            scores[k] = Dot(_outWeights.AsSpan(k * _hidden, _hidden), hidden);
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var sum = 0.0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    private static int ArgMax(ReadOnlySpan<double> scores, double[] offsets)
    {
        var best = 0;
        for (var k = 1; k < scores.Length; k++)
        {
            if (scores[k] + offsets[k] > scores[best] + offsets[best])
            {
                best = k;
            }
        }

        return best;
    }
}
