using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace OllyStack.Server.Observability;

/// <summary>
/// Collects the stages' System.Diagnostics.Metrics instruments (meters named OllyStack.*) and renders them,
/// with process figures, in the Prometheus text format for /metrics.
/// </summary>
public sealed class SelfMetrics : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, InstrumentSeries> _series = new();

    public SelfMetrics()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (!instrument.Meter.Name.StartsWith("OllyStack", StringComparison.Ordinal)) return;
            listener.EnableMeasurementEvents(instrument, _series.GetOrAdd(instrument, i => new InstrumentSeries(i)));
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<int>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.SetMeasurementEventCallback<double>((_, value, tags, state) => ((InstrumentSeries)state!).Record(value, tags));
        _listener.Start();
    }

    public string Render()
    {
        _listener.RecordObservableInstruments();
        var output = new StringBuilder(16 * 1024);
        foreach (var series in _series.OrderBy(s => s.Key.Name, StringComparer.Ordinal)) series.Value.Render(output);
        RenderProcess(output);
        return output.ToString();
    }

    private static void RenderProcess(StringBuilder output)
    {
        using var process = Process.GetCurrentProcess();
        Gauge(output, "process_cpu_seconds_total", "counter", "User and system CPU time spent.", process.TotalProcessorTime.TotalSeconds);
        Gauge(output, "process_resident_memory_bytes", "gauge", "Resident memory size.", process.WorkingSet64);
        Gauge(output, "process_start_time_seconds", "gauge", "Start time since the Unix epoch.", new DateTimeOffset(process.StartTime.ToUniversalTime()).ToUnixTimeMilliseconds() / 1000.0);
        Gauge(output, "dotnet_gc_heap_bytes", "gauge", "Managed heap size.", GC.GetTotalMemory(false));
        Gauge(output, "dotnet_gc_allocated_bytes_total", "counter", "Bytes allocated on the managed heap.", GC.GetTotalAllocatedBytes());
    }

    private static void Gauge(StringBuilder output, string name, string type, string help, double value) =>
        output.Append("# HELP ").Append(name).Append(' ').Append(help).Append('\n')
            .Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n')
            .Append(name).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');

    public void Dispose() => _listener.Dispose();
}
