using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Evaluation;

/// <summary>
/// Scores each genome of a batch with a synchronous function, one after another, checking for cancellation
/// between genomes. For cheap fitness functions and tests; costly evaluations should batch in their own evaluator.
/// </summary>
/// <typeparam name="TGenome">The genome type scored.</typeparam>
public sealed class FunctionEvaluator<TGenome> : IEvaluator<TGenome>
    where TGenome : IGenome
{
    private readonly Func<TGenome, EvaluationContext, FitnessInfo> _evaluate;

    /// <summary>Scores with <paramref name="evaluate"/>.</summary>
    public FunctionEvaluator(Func<TGenome, FitnessInfo> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        _evaluate = (genome, _) => evaluate(genome);
    }

    /// <summary>Scores with <paramref name="evaluate"/>, which also sees the batch context.</summary>
    public FunctionEvaluator(Func<TGenome, EvaluationContext, FitnessInfo> evaluate)
    {
        ArgumentNullException.ThrowIfNull(evaluate);
        _evaluate = evaluate;
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<FitnessInfo>> EvaluateAsync(
        IReadOnlyList<TGenome> genomes,
        EvaluationContext context,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(genomes);
        ArgumentNullException.ThrowIfNull(context);
        var results = new FitnessInfo[genomes.Count];
        for (var i = 0; i < results.Length; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            results[i] = _evaluate(genomes[i], context)
                ?? throw new InvalidOperationException($"The fitness function returned null for genome {genomes[i].Id}.");
        }

        return Task.FromResult<IReadOnlyList<FitnessInfo>>(results);
    }
}
