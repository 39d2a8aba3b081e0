namespace EvoPrune.Learning.Training;

/// <summary>Progress of a training run, reported every few steps.</summary>
public readonly record struct TrainingProgress(int Epoch, int Epochs, long Step, long StepsPerEpoch, double Loss);
