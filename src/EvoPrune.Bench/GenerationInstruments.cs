using System.Diagnostics.Metrics;
using EvoPrune.Cluster.Telemetry;

namespace EvoPrune.Bench;

/// <summary>The engine's own per-generation instruments, read in the suite's process (items 8 and 10).</summary>
internal static class GenerationInstruments
{
    // The engine records a generation's wall time and its own share of it together, in that order, once per generation.
    public static MeterListener Listen(List<(double Total, double Engine)> times)
    {
        var pending = double.NaN;
        var gate = new Lock();
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == EvoPruneTelemetry.Name
                    && instrument.Name is EvoPruneTelemetry.GenerationDurationInstrument or EvoPruneTelemetry.EngineDurationInstrument)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<double>((instrument, value, _, _) =>
        {
            lock (gate)
            {
                if (instrument.Name == EvoPruneTelemetry.GenerationDurationInstrument)
                {
                    pending = value;
                }
                else if (!double.IsNaN(pending))
                {
                    times.Add((pending, value));
                    pending = double.NaN;
                }
            }
        });
        listener.Start();
        return listener;
    }
}
