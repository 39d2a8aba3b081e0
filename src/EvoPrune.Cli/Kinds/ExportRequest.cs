namespace EvoPrune.Cli.Kinds;

/// <summary>
/// What <c>export</c> asks of a kind's tools: the output folder, whether to compact masked networks, the epochs of
/// weight training for NEAT classification topologies, the training device and the data folders.
/// </summary>
internal sealed record ExportRequest(string Folder, bool Compact, int Epochs, TorchSharp.torch.Device Device, IReadOnlyList<string> DataDirectories);
