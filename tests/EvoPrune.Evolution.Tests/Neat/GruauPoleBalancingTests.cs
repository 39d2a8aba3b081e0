using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Phenotypes;
using EvoPrune.Evolution.Neat.Tasks;
using EvoPrune.Evolution.Randomness;

namespace EvoPrune.Evolution.Tests.Neat;

public class GruauPoleBalancingTests
{
    [Fact]
    public void GeneralizationStarts_AreTheSixHundredTwentyFiveGridStatesWithTheShortPoleStill()
    {
        var starts = GruauPoleBalancingTask.GeneralizationStarts().ToArray();

        Assert.Equal(625, starts.Length);
        Assert.Equal(625, starts.Select(s => string.Join(",", s)).Distinct().Count());
        for (var variable = 0; variable < 4; variable++)
        {
            var range = GruauPoleBalancingTask.StartRanges[variable];
            var values = starts.Select(s => s[variable]).Distinct().Order().ToArray();
            Assert.Equal([-0.9 * range, -0.5 * range, 0.0, 0.5 * range, 0.9 * range], values, (a, b) => Math.Abs(a - b) < 1e-12);
        }

        Assert.All(starts, s => Assert.Equal((0.0, 0.0), (s[4], s[5])));
    }

    [Fact]
    public void Evaluate_NetworkThatPushesNothing_ScoresTheGruauFormulaOfItsOwnTrajectory()
    {
        var task = new GruauPoleBalancingTask();
        var genome = NeatGenome.CreateMinimal(task.InputCount, 1, new InnovationTracker(task.InputCount, 1), RandomSources.For(1, 0, 0, "w"), 0.0);

        var evaluation = task.Evaluate(new RecurrentNetwork(genome));

        // Zero weights: the output is sigmoid(0) = 0.5, a force of 0 N; replay that trajectory by hand.
        var physics = CartPolePhysics.DoublePole();
        double[] state = [0, 0, Math.PI / 180, 0, 0, 0];
        var history = new List<double>();
        while (history.Count < 1000)
        {
            physics.Step(state, 0);
            physics.Step(state, 0);
            if (Math.Abs(state[0]) > 2.4 || Math.Abs(state[2]) > 36 * Math.PI / 180 || Math.Abs(state[4]) > 36 * Math.PI / 180)
            {
                break;
            }

            history.Add(Math.Abs(state[0]) + Math.Abs(state[1]) + Math.Abs(state[2]) + Math.Abs(state[3]));
        }

        var t = history.Count;
        var expected = (0.1 * t / 1000.0) + (t < 100 ? 0 : 0.9 * 0.75 / history.Skip(t - 100).Sum());
        Assert.InRange(t, 1, 999);
        Assert.Equal(expected, evaluation.Fitness, 12);
        Assert.False(evaluation.Solved);
    }

    [Fact]
    [Trait("Category", "Slow")]
    public void Run_PaperDpnvSettings_FindsANetworkThatBalancesAHundredThousandStepsAndGeneralises()
    {
        var settings = new NeatSettings
        {
            PopulationSize = 1000, WeightCoefficient = 3.0, CompatibilityThreshold = 4.0, AddConnectionProbability = 0.3,
            FeedForward = false, MaxGenerations = 120, EvaluationParallelism = 2,
        };

        var result = new NeatAlgorithm(settings, new GruauPoleBalancingTask(), SolvingSeed).Run();

        Assert.True(result.Solved, $"unsolved after {result.Generations} generations, best F = {result.ChampionFitness}");
        var network = NetworkFactory.Create(result.Champion, settings);
        Assert.True(GruauPoleBalancingTask.Generalization(network) >= GruauPoleBalancingTask.GeneralizationThreshold);
    }

    private const ulong SolvingSeed = 1;
}
