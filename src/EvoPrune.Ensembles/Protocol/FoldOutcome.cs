namespace EvoPrune.Ensembles.Protocol;

/// <summary>Test accuracy of one method in one fold, with the selected ensemble's size.</summary>
public sealed record FoldOutcome(string Dataset, int Repeat, int Fold, string Method, double TestAccuracy, double SelectionFitness, int EnsembleSize);
