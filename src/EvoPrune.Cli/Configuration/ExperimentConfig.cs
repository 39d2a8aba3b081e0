using EvoPrune.Learning.Experiments;
using EvoPrune.Learning.Training;

namespace EvoPrune.Cli.Configuration;

/// <summary>
/// A config file read and validated: the shared sections (data, model, training) plus the run section and the
/// kind's search settings where present. <see cref="ExperimentConfigReader"/> makes these.
/// </summary>
public sealed record ExperimentConfig(
    string File,
    string Name,
    ulong Seed,
    string Device,
    DataSpec Data,
    ModelSpec Model,
    TrainerOptions Training,
    double MaskDensity,
    RunSection? Run);
