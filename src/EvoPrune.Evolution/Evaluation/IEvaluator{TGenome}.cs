using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Evaluation;

/// <summary>
/// Scores genomes a batch at a time, so an implementation can train or fan out the whole batch at once (a GPU, a
/// cluster). A genome whose evaluation fails should get <see cref="FitnessInfo.Failed"/> rather than throw; an
/// exception fails the whole run.
/// </summary>
/// <typeparam name="TGenome">The genome type scored.</typeparam>
public interface IEvaluator<in TGenome>
    where TGenome : IGenome
{
    /// <summary>One fitness per genome, in the order of <paramref name="genomes"/>.</summary>
    Task<IReadOnlyList<FitnessInfo>> EvaluateAsync(
        IReadOnlyList<TGenome> genomes,
        EvaluationContext context,
        CancellationToken cancellationToken);
}
