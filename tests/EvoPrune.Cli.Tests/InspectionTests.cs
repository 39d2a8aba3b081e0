using System.Text.Json;
using EvoPrune.Cli.Inspection;
using EvoPrune.Learning.Models;
using SkiaSharp;

namespace EvoPrune.Cli.Tests;

public class MaskPictureTests
{
    private static readonly InputShape Digit = new(1, 4, 5);

    [Fact]
    public void Save_KnownMask_PixelsShowKeptAndPrunedInputsAtTheirPlaces()
    {
        // Unit 0 keeps only input (row 1, col 2); unit 1 keeps everything; unit 2 keeps nothing.
        var mask = new bool[3 * 20];
        mask[(1 * 5) + 2] = true;
        for (var i = 20; i < 40; i++)
        {
            mask[i] = true;
        }

        var path = Path.Combine(Path.GetTempPath(), $"mask-{Guid.NewGuid():N}.png");
        MaskPicture.Save(mask, 3, Digit, 2, path);
        using var bitmap = SKBitmap.Decode(path);
        File.Delete(path);

        // 3 units -> 2x2 grid; tile = 5*2 wide, 4*2 high, plus borders.
        Assert.Equal(MaskPicture.Size(3, Digit, 2), (bitmap.Width, bitmap.Height));
        Assert.Equal((2 * 11) + 1, bitmap.Width);
        Assert.Equal((2 * 9) + 1, bitmap.Height);
        Assert.Equal(MaskPicture.Border, bitmap.GetPixel(0, 0));
        Assert.Equal(MaskPicture.Kept, bitmap.GetPixel(1 + (2 * 2), 1 + (1 * 2)));
        Assert.Equal(MaskPicture.Kept, bitmap.GetPixel(1 + (2 * 2) + 1, 1 + (1 * 2) + 1));
        Assert.Equal(MaskPicture.Pruned, bitmap.GetPixel(1, 1));
        Assert.Equal(MaskPicture.Kept, bitmap.GetPixel(12 + 3, 1 + 3));        // unit 1, second tile of row 0
        Assert.Equal(MaskPicture.Pruned, bitmap.GetPixel(1 + 3, 10 + 3));      // unit 2, first tile of row 1
    }

    [Fact]
    public void ActivationPlot_Sample_EvaluatesTheRegistryFunctionOnTheDocumentedGrid()
    {
        var xs = ActivationPlot.Xs();
        var relu = ActivationPlot.Sample(Learning.Activations.ActivationRegistry.Get("relu"));
        var tanh = ActivationPlot.Sample(Learning.Activations.ActivationRegistry.Get("tanh"));

        Assert.Equal(ActivationPlot.Points, xs.Length);
        Assert.Equal((-3.0, 3.0), (xs[0], xs[^1]));
        Assert.All(xs.Zip(relu), p => Assert.Equal(Math.Max(0, p.First), p.Second, 5));
        Assert.All(xs.Zip(tanh), p => Assert.Equal(Math.Tanh(p.First), p.Second, 5));
    }

    [Fact]
    public void Score_BlobsVersusScatteredMasks_RatesTheBlobsFarMoreLocal()
    {
        var shape = new InputShape(1, 16, 16);
        var blob = new bool[2 * 256];
        var scattered = new bool[2 * 256];
        for (var unit = 0; unit < 2; unit++)
        {
            for (var y = 0; y < 4; y++)
            {
                for (var x = 0; x < 4; x++)
                {
                    blob[(unit * 256) + ((y + (unit * 8)) * 16) + x + 3] = true;
                    scattered[(unit * 256) + (y * 5 * 16) + (x * 4) + unit] = true;
                }
            }
        }

        Assert.True(MaskLocality.Score(blob, 2, shape) > 0.6);
        Assert.True(MaskLocality.Score(scattered, 2, shape) < 0.2);
    }
}

[Collection(SequentialProcesses.Name)]
[Trait("Category", "Slow")]
public class InspectExportTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(4);

    [Fact]
    public async Task InspectAndExport_FinishedRun_WritePicturesOfTheDocumentedSizeAndWeightsThatReproduceTheFitness()
    {
        using var temp = new TempFolder();
        var config = temp.File("tiny.yaml", TestConfigs.TinyRun(generations: 2, population: 3));
        var (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "run", config, "--run-id", "seen", "--store", temp.Path);
        Assert.True(exit == 0, output);

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "inspect", "seen", "--store", temp.Path, "--scale", "2");
        Assert.True(exit == 0, output);
        Assert.Contains("Top 5 genomes", output, StringComparison.Ordinal);
        var pictures = Path.Combine(temp.Path, "seen", "pictures");
        using (var fitness = SKBitmap.Decode(Path.Combine(pictures, "fitness.png")))
        {
            Assert.Equal((CurvePlot.Width, CurvePlot.Height), (fitness.Width, fitness.Height));
        }

        using (var activations = SKBitmap.Decode(Path.Combine(pictures, "activations.png")))
        {
            Assert.Equal((ActivationPlot.Width, ActivationPlot.Height), (activations.Width, activations.Height));
        }

        var maskFile = Assert.Single(Directory.GetFiles(pictures, "mask-*.png"));
        using (var mask = SKBitmap.Decode(maskFile))
        {
            Assert.Equal(MaskPicture.Size(64, new InputShape(1, 16, 16), 2), (mask.Width, mask.Height));
        }

        (exit, output) = await CliProcess.RunAsync(temp.Path, Limit, "export", "seen", "--genome", "best", "--store", temp.Path, "--out", Path.Combine(temp.Path, "out"));
        Assert.True(exit == 0, output);
        using var genome = JsonDocument.Parse(File.ReadAllText(Directory.GetFiles(Path.Combine(temp.Path, "out"), "*.genome.json").Single()));
        var fitnessValue = genome.RootElement.GetProperty("fitness").GetDouble();
        Assert.Equal(fitnessValue, genome.RootElement.GetProperty("retrainedValidationAccuracy").GetDouble(), 12);
        Assert.True(new FileInfo(Directory.GetFiles(Path.Combine(temp.Path, "out"), "*.weights.dat").Single()).Length > 10_000);
    }
}
