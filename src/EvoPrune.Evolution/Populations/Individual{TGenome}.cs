using System.Text.Json.Serialization;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Populations;

/// <summary>A genome together with its evaluated fitness.</summary>
/// <typeparam name="TGenome">The genome type.</typeparam>
/// <param name="Genome">The genome.</param>
/// <param name="Fitness">Its fitness.</param>
public sealed record Individual<TGenome>(TGenome Genome, FitnessInfo Fitness)
    where TGenome : class, IGenome
{
    /// <summary>The genome.</summary>
    public TGenome Genome { get; init; } = Genome ?? throw new ArgumentNullException(nameof(Genome));

    /// <summary>Its fitness.</summary>
    public FitnessInfo Fitness { get; init; } = Fitness ?? throw new ArgumentNullException(nameof(Fitness));

    /// <summary>The genome's id.</summary>
    [JsonIgnore]
    public long Id => Genome.Id;
}
