using EvoPrune.Learning.Experiments;
using TorchSharp;

namespace EvoPrune.Learning.Tests;

/// <summary>
/// Leased device copies: shared while leased, kept idle for reuse up to the capacity, then disposed. Every test uses
/// its own USPS caps (so its own cache keys): the cache is process-wide.
/// </summary>
public class DataCacheTests
{
    [SkippableFact]
    public void Lease_SameDataTwice_SharesOneCopyThatOutlivesTheFirstReturn()
    {
        RealDataTests.RequireDataset("usps");
        var spec = Usps(301);

        var first = DataCache.Lease(spec, 1, [], torch.CPU);
        using var second = DataCache.Lease(spec, 1, [], torch.CPU);
        first.Dispose();
        first.Dispose(); // returning twice returns once

        Assert.Same(first.Data, second.Data);
        Assert.False(second.Data.Train.Features.IsInvalid);
        Assert.Equal(301, second.Data.Train.Count);
    }

    [SkippableFact]
    public void Lease_MoreUnleasedCopiesThanTheIdleCapacity_DisposesTheOldestAndKeepsTheRecent()
    {
        RealDataTests.RequireDataset("usps");
        var specs = Enumerable.Range(0, DataCache.IdleCapacity + 1).Select(i => Usps(311 + i)).ToArray();
        var copies = new List<PreparedData>();
        foreach (var spec in specs)
        {
            using var lease = DataCache.Lease(spec, 1, [], torch.CPU);
            copies.Add(lease.Data);
        }

        // The oldest returned copy went over the capacity: disposed, and a new lease loads it again.
        Assert.True(copies[0].Train.Features.IsInvalid);
        using (var again = DataCache.Lease(specs[0], 1, [], torch.CPU))
        {
            Assert.NotSame(copies[0], again.Data);
            Assert.Equal(311, again.Data.Train.Count);
        }

        // The most recently returned one waited idle and is reused as it is.
        using var recent = DataCache.Lease(specs[^1], 1, [], torch.CPU);
        Assert.Same(copies[^1], recent.Data);
        Assert.False(recent.Data.Train.Features.IsInvalid);
    }

    [SkippableFact]
    public void Lease_OfDataPreparedForTheProcess_SharesThatCopyAndNeverDisposesIt()
    {
        RealDataTests.RequireDataset("usps");
        var spec = Usps(331);
        var pinned = DataCache.Prepare(spec, 1, [], torch.CPU);

        foreach (var i in Enumerable.Range(0, DataCache.IdleCapacity + 2))
        {
            using var lease = DataCache.Lease(i == 0 ? spec : Usps(331 + i), 1, [], torch.CPU);
        }

        Assert.Same(pinned, DataCache.Prepare(spec, 1, [], torch.CPU));
        Assert.False(pinned.Train.Features.IsInvalid);
    }

    [Fact]
    public void Lease_UnknownDataset_SaysWhichAndCachesNothing()
    {
        var spec = new DataSpec { Dataset = "no-such-dataset" };
        var before = DataCache.LeasedCount;

        var error = Assert.ThrowsAny<Exception>(() => DataCache.Lease(spec, 1, [], torch.CPU));

        Assert.Contains("no-such-dataset", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, DataCache.LeasedCount);
        Assert.ThrowsAny<Exception>(() => DataCache.Lease(spec, 1, [], torch.CPU));
    }

    [SkippableFact]
    public void DataLeases_OneLeasePerDataUntilDisposed()
    {
        RealDataTests.RequireDataset("usps");
        var spec = Usps(341);
        var leases = new DataLeases();

        var data = leases.Prepare(spec, 1, [], torch.CPU);
        Assert.Same(data, leases.Prepare(spec, 1, [], torch.CPU));
        leases.Dispose();

        // Returned but still idle: the next lease gets the same copy; the disposed set refuses further use.
        using var later = DataCache.Lease(spec, 1, [], torch.CPU);
        Assert.Same(data, later.Data);
        Assert.Throws<ObjectDisposedException>(() => leases.Prepare(spec, 1, [], torch.CPU));
    }

    private static DataSpec Usps(int maxTrain) => new() { Dataset = "usps", MaxTrain = maxTrain, MaxValidation = 50, MaxTest = 50 };
}
