namespace EvoPrune.Evolution.Neat;

/// <summary>The innovation number given this generation to a new link from <paramref name="Source"/> to <paramref name="Target"/>.</summary>
/// <param name="Source">Source node id.</param>
/// <param name="Target">Target node id.</param>
/// <param name="Innovation">The innovation number.</param>
public readonly record struct LinkInnovation(int Source, int Target, long Innovation);
