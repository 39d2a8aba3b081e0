using EvoPrune.Evolution.Cgp;
using EvoPrune.Evolution.Randomness;
using EvoPrune.Learning.Models;
using EvoPrune.Learning.Onnx;
using static TorchSharp.torch;

namespace EvoPrune.Learning.Tests.Onnx;

public class OnnxCheckerTests
{
    [SkippableFact]
    public void CheckModel_EveryArchitectureCompactionAndNeat_PassTheOnnxChecker()
    {
        var folder = Directory.CreateTempSubdirectory("evoprune-onnx-check-").FullName;
        try
        {
            var random = RandomSources.For(3, 0, 0, "checker");
            var (_, stats) = NetworkOnnxTests.Features(random, perFeature: true);
            var metadata = new Dictionary<string, string> { ["evoprune.run"] = "check" };
            var paths = new List<string>();
            var cgp = CgpProgram.Random(new CgpShape(5, 5, 5), random).Text;
            foreach (var name in Architectures.Names)
            {
                var spec = Architectures.Create(name, new InputShape(1, 16, 16), 10, name == "mlp" ? [30] : null);
                var masks = spec.Describe().Select(l => Enumerable.Range(0, (int)l.Weights).Select(_ => random.NextDouble() < 0.05).ToArray()).ToArray();
                using var network = new MaskedNetwork(spec, [name == "af-fcn" ? cgp : "gelu"], masks, RandomKey.ForPurpose(3, "init"), CPU);
                var weights = NetworkWeights.From(network);
                paths.Add(Write(folder, name, NetworkOnnx.ToModel(weights, stats, metadata)));
                paths.Add(Write(folder, name + ".compact", NetworkOnnx.ToModel(NetworkCompaction.Compact(weights).Network, stats, metadata)));
            }

            paths.Add(Write(folder, "neat", NeatOnnx.ToModel(NeatModuleTests.Grown(4, 3, 2), 4.9, null, metadata)));

            OnnxChecker.Check([.. paths]);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static string Write(string folder, string name, global::Onnx.ModelProto model)
    {
        var path = Path.Combine(folder, name + ".onnx");
        File.WriteAllBytes(path, Google.Protobuf.MessageExtensions.ToByteArray(model));
        return path;
    }
}
