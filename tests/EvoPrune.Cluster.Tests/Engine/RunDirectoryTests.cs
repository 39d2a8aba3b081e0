using EvoPrune.Cluster.Grains;
using EvoPrune.Cluster.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;

namespace EvoPrune.Cluster.Tests.Engine;

/// <summary>
/// The run directory's persisted list under writes that conflict (another activation wrote the row, or a write reached
/// the database although its reply was lost) and writes that fail: this activation's own changes are applied to what is
/// stored, so a stale activation never brings back a run another one removed, and a failed write is retried on a timer.
/// </summary>
[Collection(EngineRuns.Name)]
public sealed class RunDirectoryTests : IAsyncLifetime
{
    private static readonly InterferingStorage Storage = new();
    private TestSilos? _silos;

    private IRunDirectoryGrain Directory => _silos!.Client.GetGrain<IRunDirectoryGrain>(IRunDirectoryGrain.Key);

    public async Task InitializeAsync()
    {
        _silos = await TestSilos.StartAsync<Configurator>();
    }

    public async Task DisposeAsync()
    {
        await _silos!.DisposeAsync();
    }

    [Fact]
    public async Task ConflictingWrites_ApplyOnlyThisActivationsChanges_AndAFailedWriteIsRetried()
    {
        await Directory.SetActiveAsync("a", true);
        await Directory.SetActiveAsync("b", true);
        Assert.Equal(["a", "b"], Storage.Stored);

        // Another writer removed "a" and added "c"; this activation still holds [a, b] and now adds "d".
        Storage.InterfereOnNextWrite(list =>
        {
            list.Remove("a");
            list.Add("c");
        });
        await Directory.SetActiveAsync("d", true);
        Assert.Equal(["b", "c", "d"], Storage.Stored);
        Assert.Equal(["b", "c", "d"], await Directory.GetActiveRunsAsync());

        // A removal that conflicts with another writer's addition keeps the addition and the removal.
        Storage.InterfereOnNextWrite(list => list.Add("e"));
        await Directory.SetActiveAsync("b", false);
        Assert.Equal(["c", "d", "e"], Storage.Stored);

        // A write that fails (the database is away) is retried on the grain's timer without another call.
        Storage.FailNextWrite();
        await Directory.SetActiveAsync("c", false);
        Assert.Contains("c", Storage.Stored);
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (Storage.Stored.Contains("c"))
        {
            Assert.True(DateTime.UtcNow < until, "the failed write was not retried");
            await Task.Delay(100);
        }

        Assert.Equal(["d", "e"], Storage.Stored);
    }

    public sealed class Configurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder)
        {
            siloBuilder.UseInMemoryReminderService();
            siloBuilder.Services.AddKeyedSingleton<IGrainStorage>(GrainStorageNames.EvoPrune, Storage);
            siloBuilder.AddEvoPruneFileStore(Path.Combine(Path.GetTempPath(), "evoprune-run-directory-tests", Guid.NewGuid().ToString("N")));
            siloBuilder.AddEvoPruneEngine(o => o.Device = "cpu");
        }
    }

    /// <summary>
    /// Holds the directory row with an etag like a database would, and on request changes the row behind the grain's
    /// back just before its next write (so that write conflicts) or fails the next write.
    /// </summary>
    private sealed class InterferingStorage : IGrainStorage
    {
        private readonly Lock _gate = new();
        private List<string> _stored = [];
        private int _etag;
        private Action<List<string>>? _interfere;
        private bool _fail;

        public IReadOnlyList<string> Stored
        {
            get
            {
                lock (_gate)
                {
                    return [.. _stored];
                }
            }
        }

        public void InterfereOnNextWrite(Action<List<string>> change)
        {
            lock (_gate)
            {
                _interfere = change;
            }
        }

        public void FailNextWrite()
        {
            lock (_gate)
            {
                _fail = true;
            }
        }

        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_gate)
            {
                ((RunDirectoryState)(object)grainState.State!).Active = [.. _stored];
                grainState.ETag = _etag == 0 ? null : _etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                grainState.RecordExists = _etag != 0;
            }

            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            lock (_gate)
            {
                if (_fail)
                {
                    _fail = false;
                    throw new IOException("the database is away");
                }

                if (_interfere is { } change)
                {
                    _interfere = null;
                    change(_stored);
                    _stored.Sort(StringComparer.Ordinal);
                    _etag++;
                }

                var expected = _etag == 0 ? null : _etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (grainState.ETag != expected)
                {
                    throw new InconsistentStateException("the row changed", expected, grainState.ETag);
                }

                _stored = [.. ((RunDirectoryState)(object)grainState.State!).Active];
                _etag++;
                grainState.ETag = _etag.ToString(System.Globalization.CultureInfo.InvariantCulture);
                grainState.RecordExists = true;
            }

            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) => throw new NotSupportedException();
    }
}
