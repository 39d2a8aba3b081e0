using EvoPrune.Evolution.Neat;
using EvoPrune.Evolution.Neat.Tasks;

namespace EvoPrune.Evolution.Tests.Neat;

public class PoleBalancingTests
{
    [Fact]
    public void Step_UprightPolesWithoutForce_StayExactlyUpright()
    {
        foreach (var physics in new[] { CartPolePhysics.SinglePole(), CartPolePhysics.DoublePole() })
        {
            var state = new double[physics.StateLength];
            for (var i = 0; i < 10_000; i++)
            {
                physics.Step(state, 0.0);
            }

            Assert.All(state, v => Assert.Equal(0.0, v));
        }
    }

    [Fact]
    public void Step_SinglePoleTiltedOneDegree_FallsPastTwelveDegreesAfterAboutPointEightSeconds()
    {
        // Linearised: θ'' = 15.78 θ on a free cart, so θ = θ0·cosh(3.97 t) reaches 12θ0 at t ≈ 0.80 s.
        var physics = CartPolePhysics.SinglePole();
        var state = new double[] { 0, 0, Math.PI / 180, 0 };
        var steps = 0;
        while (Math.Abs(state[2]) < 12 * Math.PI / 180)
        {
            physics.Step(state, 0.0);
            steps++;
        }

        Assert.InRange(steps * CartPolePhysics.TimeStep, 0.7, 0.85);
        Assert.True(state[2] > 0, "the pole falls the way it leans");
        Assert.True(state[0] < 0, "the reaction pushes the cart the other way");
    }

    [Fact]
    public void Step_ShortPoleTilted_FallsFasterThanLongPole()
    {
        var physics = CartPolePhysics.DoublePole();
        var state = new double[] { 0, 0, 0.01, 0, 0.01, 0 };
        for (var i = 0; i < 20; i++)
        {
            physics.Step(state, 0.0);
        }

        Assert.True(Math.Abs(state[4]) > 3 * Math.Abs(state[2]));
    }

    [Fact]
    public void Step_ConstantForce_AcceleratesCartAndTiltsPoleBackwards()
    {
        var physics = CartPolePhysics.SinglePole();
        var state = new double[4];
        for (var i = 0; i < 10; i++)
        {
            physics.Step(state, 10.0);
        }

        Assert.True(state[1] > 0 && state[0] > 0);
        Assert.True(state[2] < 0);
    }

    [Fact]
    public void Run_SinglePoleWithVelocities_BalancesHundredThousandSteps()
    {
        var task = new PoleBalancingTask(poles: 1, velocities: true);
        var result = new NeatAlgorithm(new NeatSettings { FeedForward = false, MaxGenerations = 100 }, task, 3).Run();
        Assert.True(result.Solved, $"best {result.ChampionFitness} steps");
        Assert.Equal(100_000, result.ChampionFitness);
    }

    [Fact]
    public void Evaluate_ConstantOutputNetwork_FailsQuickly()
    {
        var task = new PoleBalancingTask(poles: 2, velocities: false);
        var tracker = new InnovationTracker(task.InputCount, 1);
        var genome = NeatGenome.CreateMinimal(task.InputCount, 1, tracker, EvoPrune.Evolution.Randomness.RandomSources.For(1, 0, 0, "w"), 0.0);
        var evaluation = task.Evaluate(new Evolution.Neat.Phenotypes.RecurrentNetwork(genome));
        Assert.False(evaluation.Solved);
        Assert.InRange(evaluation.Fitness, 1, 500);
    }
}
