using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Activations;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

/// <summary>
/// Compiled CGP activations against their printed form: the formula string is parsed and evaluated here with the
/// PyTorch definitions of each primitive written out independently, so a mismatch between what is printed and what
/// trains shows up.
/// </summary>
public class CgpActivationTests
{
    private static readonly double[] Inputs = [.. Enumerable.Range(0, 110).Select(k => -5.0137 + (0.0917 * k))];

    [Fact]
    public void Compile_RandomPrograms_MatchTheirPrintedFormula()
    {
        var shape = new CgpShape();
        for (var i = 0; i < 200; i++)
        {
            var program = CgpProgram.Random(shape, RandomSources.For(11, 0, i, "compile-test"));
            using var x = torch.tensor(Inputs.Select(v => (float)v).ToArray());
            using var y = CgpActivation.Compile(program)(x);
            var actual = y.data<float>().ToArray();
            for (var j = 0; j < Inputs.Length; j++)
            {
                var expected = Guard(Formula.Evaluate(program.Expression, Inputs[j]));
                Assert.True(Math.Abs(actual[j] - expected) <= 1e-3 * Math.Max(1, Math.Abs(expected)), $"{program.Expression} at x={Inputs[j]}: compiled {actual[j]}, formula {expected}");
            }
        }
    }

    [Fact]
    public void Compile_ExplodingProgram_OutputsStayFiniteAndBounded()
    {
        // ((x * x) * (x * x)) * ... : a product chain that overflows float32 for |x| beyond ~1e5.
        var genes = new int[new CgpShape().GeneCount];
        for (var node = 0; node < 25; node++)
        {
            var previous = node < 5 ? 0 : node - 4; // address of node-5 (one column left) or x
            (genes[3 * node], genes[(3 * node) + 1], genes[(3 * node) + 2]) = (4, previous, previous);
        }

        genes[^1] = 21; // node 20, column 4: x^32
        var program = CgpProgram.FromGenes(new CgpShape(), genes);
        using var x = torch.tensor(new[] { -1e6f, -3f, 0f, 1.1f, 1e6f, float.NaN });
        using var y = CgpActivation.Compile(program)(x);
        var values = y.data<float>().ToArray();

        Assert.All(values, v => Assert.True(float.IsFinite(v) && Math.Abs(v) <= CgpActivation.Limit, $"{v}"));
        Assert.Equal(0f, values[2]);
        Assert.Equal((float)CgpActivation.Limit, values[4]);
        Assert.Equal(0f, values[5]);
        Assert.Equal(Math.Pow(1.1f, 32), values[3], 2);
    }

    [Fact]
    public void Registry_ProgramText_IsAnActivationAndBadTextIsCaught()
    {
        var program = CgpProgram.Random(new CgpShape(), RandomSources.For(5, 0, 0, "registry"));

        Assert.True(ActivationRegistry.Contains(program.Text));
        Assert.Equal(program.Expression, ActivationRegistry.Describe(program.Text));
        Assert.False(ActivationRegistry.Contains("cgp:5.5.5:99"));
        Assert.Contains("has 76 genes", Assert.Throws<ArgumentException>(() => ActivationRegistry.Get("cgp:5.5.5:99")).Message, StringComparison.Ordinal);
    }

    private static double Guard(double v) => double.IsNaN(v) ? 0 : Math.Clamp(v, -CgpActivation.Limit, CgpActivation.Limit);

    /// <summary>A recursive-descent evaluator of printed CGP formulas.</summary>
    private sealed class Formula(string text, double x)
    {
        private int _at;

        public static double Evaluate(string text, double x)
        {
            var formula = new Formula(text, x);
            var value = formula.Expression();
            Assert.True(formula._at == text.Length, $"trailing text in '{text}' at {formula._at}");
            return value;
        }

        private double Expression()
        {
            var left = Operand();
            Skip();
            if (_at < text.Length && text[_at] is '+' or '-' or '*')
            {
                var op = text[_at++];
                var right = Operand();
                return op switch { '+' => left + right, '-' => left - right, _ => left * right };
            }

            return left;
        }

        private double Operand()
        {
            Skip();
            if (text[_at] == '(')
            {
                _at++;
                var inner = Expression();
                Expect(')');
                return inner;
            }

            var start = _at;
            while (_at < text.Length && (char.IsLetter(text[_at]) || text[_at] == '_'))
            {
                _at++;
            }

            var name = text[start.._at];
            if (name == "x")
            {
                return x;
            }

            Expect('(');
            var a = Expression();
            double b = 0;
            Skip();
            if (text[_at] == ',')
            {
                _at++;
                b = Expression();
            }

            Expect(')');
            return Apply(name, a, b);
        }

        // PyTorch's definitions with default parameters; RReLU in evaluation mode.
        private static double Apply(string name, double a, double b) => name switch
        {
            "max" => Math.Max(a, b),
            "min" => Math.Min(a, b),
            "tanh" => Math.Tanh(a),
            "relu" => a > 0 ? a : 0,
            "leaky_relu" => a > 0 ? a : 0.01 * a,
            "elu" => a > 0 ? a : Math.Exp(a) - 1,
            "hardshrink" => a > 0.5 || a < -0.5 ? a : 0,
            "celu" => a > 0 ? a : Math.Exp(a) - 1,
            "hardtanh" => a > 1 ? 1 : a < -1 ? -1 : a,
            "hardswish" => a <= -3 ? 0 : a >= 3 ? a : a * (a + 3) / 6,
            "softshrink" => a > 0.5 ? a - 0.5 : a < -0.5 ? a + 0.5 : 0,
            "rrelu" => a >= 0 ? a : a * ((1.0 / 8) + (1.0 / 3)) / 2,
            _ => throw new InvalidOperationException($"unknown function {name}"),
        };

        private void Skip()
        {
            while (_at < text.Length && text[_at] == ' ')
            {
                _at++;
            }
        }

        private void Expect(char c)
        {
            Skip();
            Assert.True(_at < text.Length && text[_at] == c, $"expected '{c}' at {_at} in '{text}'");
            _at++;
        }
    }
}
