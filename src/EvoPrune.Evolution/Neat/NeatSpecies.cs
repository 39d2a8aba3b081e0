using System.Collections.Immutable;

namespace EvoPrune.Evolution.Neat;

/// <summary>
/// A species after speciation of one generation. <see cref="Representative"/> is a random member of this
/// generation; the next generation is compared against it. <see cref="Members"/> index the population.
/// </summary>
/// <param name="Id">Species id, never reused in a run.</param>
/// <param name="Representative">The genome the next generation is compared against.</param>
/// <param name="Members">Population indices of the members, ascending.</param>
/// <param name="BestFitness">The best fitness any member has ever had.</param>
/// <param name="LastImprovedGeneration">The generation <see cref="BestFitness"/> last went up.</param>
/// <param name="CreatedGeneration">The generation the species appeared.</param>
public sealed record NeatSpecies(
    int Id,
    NeatGenome Representative,
    ImmutableArray<int> Members,
    double BestFitness,
    int LastImprovedGeneration,
    int CreatedGeneration);
