using System.Collections.Immutable;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// The complete state of a NEAT run after a generation was evaluated and speciated. Randomness is keyed on
/// (seed, generation, index, purpose), so this plain data (JSON-serializable) is all a resumed run needs to continue
/// exactly as the uninterrupted one.
/// </summary>
/// <param name="Seed">The run seed.</param>
/// <param name="Generation">The generation the population belongs to.</param>
/// <param name="Population">The evaluated genomes.</param>
/// <param name="Species">The species, with representatives and stagnation counters.</param>
/// <param name="Innovations">The innovation tracker's state.</param>
/// <param name="NextSpeciesId">The id the next new species gets.</param>
/// <param name="BestGenome">The best genome seen in the run.</param>
/// <param name="BestFitness">Its fitness.</param>
/// <param name="LastImprovedGeneration">The generation <see cref="BestFitness"/> last went up (population stagnation).</param>
/// <param name="Evaluations">Networks evaluated so far.</param>
public sealed record NeatPopulationSnapshot(
    ulong Seed,
    int Generation,
    ImmutableArray<NeatIndividual> Population,
    ImmutableArray<NeatSpecies> Species,
    InnovationTrackerState Innovations,
    int NextSpeciesId,
    NeatGenome? BestGenome,
    double BestFitness,
    int LastImprovedGeneration,
    long Evaluations);
