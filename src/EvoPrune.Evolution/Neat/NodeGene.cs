namespace EvoPrune.Evolution.Neat;

/// <summary>
/// A node gene. Ids are global: inputs take 0..I-1, the bias I, outputs I+1..I+O, and hidden nodes are numbered
/// from there by the <see cref="InnovationTracker"/>, so the same split in one generation yields the same id.
/// </summary>
/// <param name="Id">The node's global id.</param>
/// <param name="Type">The node's role.</param>
public readonly record struct NodeGene(int Id, NodeType Type);
