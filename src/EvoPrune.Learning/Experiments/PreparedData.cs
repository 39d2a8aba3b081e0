using EvoPrune.Data;
using EvoPrune.Learning.Training;

namespace EvoPrune.Learning.Experiments;

/// <summary>A dataset's splits in memory and on a device, shared by all evaluations of a process.</summary>
public sealed record PreparedData(DatasetSplits Splits, DeviceData Train, DeviceData Validation, DeviceData Test);
