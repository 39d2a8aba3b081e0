using EvoPrune.Evolution.Crossovers;
using EvoPrune.Evolution.Genomes;
using EvoPrune.Evolution.Mutations;
using EvoPrune.Evolution.Reinsertions;
using EvoPrune.Evolution.Selections;
using EvoPrune.Evolution.Terminations;

namespace EvoPrune.Evolution.Algorithms;

/// <summary>The pluggable parts of a <see cref="GeneticAlgorithm{TGenome}"/>.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
public sealed class GeneticOperators<TGenome>
    where TGenome : class, IGenome<TGenome>
{
    /// <summary>Makes the initial population.</summary>
    public required IGenomeFactory<TGenome> Factory { get; init; }

    /// <summary>Picks the parents.</summary>
    public required ISelection Selection { get; init; }

    /// <summary>Recombines parents into children.</summary>
    public required ICrossover<TGenome> Crossover { get; init; }

    /// <summary>Perturbs children.</summary>
    public required IMutation<TGenome> Mutation { get; init; }

    /// <summary>Chooses the next generation from parents and offspring.</summary>
    public required IReinsertion Reinsertion { get; init; }

    /// <summary>Ends the run.</summary>
    public required ITermination Termination { get; init; }
}
