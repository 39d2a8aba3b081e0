using System.Text.Json;
using EvoPrune.Evolution.Fitness;
using EvoPrune.Evolution.Genomes;

namespace EvoPrune.Evolution.Tests.Genomes;

public class GenomeJsonTests
{
    [Fact]
    public void MaskGenome_Json_RoundTripsAsPackedBase64()
    {
        var mask = new MaskGenome([3, 9], [true, false, true, false, true, true, true, false, false, false, false, true], id: 12);

        var json = JsonSerializer.Serialize(mask);
        var back = JsonSerializer.Deserialize<MaskGenome>(json);

        Assert.Contains("\"bits\":\"", json, StringComparison.Ordinal);
        Assert.NotNull(back);
        Assert.Equal(12, back.Id);
        Assert.True(back.HasSameGenes(mask));
    }

    [Fact]
    public void RealGenome_JsonWithBounds_RoundTripsExactly()
    {
        var genome = new RealGenome([0.1, 1.0 / 3, -2.5e-12], new GeneBounds<double>(3, -1.0, 1.0), id: 3);

        var back = JsonSerializer.Deserialize<RealGenome>(JsonSerializer.Serialize(genome));

        Assert.NotNull(back);
        Assert.Equal(3, back.Id);
        Assert.True(back.HasSameGenes(genome));
    }

    [Fact]
    public void IntegerGenome_JsonWithoutBounds_RoundTrips()
    {
        var genome = new IntegerGenome([4, -8, int.MaxValue], id: 7);

        var json = JsonSerializer.Serialize(genome);
        var back = JsonSerializer.Deserialize<IntegerGenome>(json);

        Assert.DoesNotContain("lower", json, StringComparison.Ordinal);
        Assert.NotNull(back);
        Assert.Null(back.Bounds);
        Assert.True(back.HasSameGenes(genome));
    }

    [Fact]
    public void MaskGenome_JsonMissingBits_ThrowsJsonException() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MaskGenome>("{\"id\":1,\"layerSizes\":[3]}"));

    [Fact]
    public void FitnessInfo_JsonWithNaNAndScores_RoundTrips()
    {
        var failed = FitnessInfo.Failed("out of memory", new Dictionary<string, double> { ["sparsity"] = 0.9 });
        var scored = new FitnessInfo(0.75).WithScore("flops", 1.5e9).WithScore("accuracy", double.NaN);

        var failedBack = JsonSerializer.Deserialize<FitnessInfo>(JsonSerializer.Serialize(failed));
        var scoredBack = JsonSerializer.Deserialize<FitnessInfo>(JsonSerializer.Serialize(scored));

        Assert.Equal(failed, failedBack);
        Assert.Equal(scored, scoredBack);
        Assert.True(failedBack!.IsFailed);
    }
}
