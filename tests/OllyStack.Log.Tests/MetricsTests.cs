using System.Diagnostics.Metrics;

namespace OllyStack.Log.Tests;

public sealed class MetricsTests : IDisposable
{
    /// <summary>A topic no other test uses, since a MeterListener hears every log in the process.</summary>
    private const string Topic = "meter-probe";

    private readonly TemporaryWal wal = new();

    public void Dispose() => wal.Dispose();

    [Fact]
    public async Task AppendsAndFsyncsArePublishedOnTheOllyStackLogMeter()
    {
        var totals = new Dictionary<string, double>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == WriteAheadLog.MeterName) l.EnableMeasurementEvents(instrument);
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Add(totals, instrument, value, tags));
        listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Add(totals, instrument, 1, tags));
        listener.Start();

        await using var log = wal.Open();
        for (var i = 0; i < 5; i++) await log.AppendAsync(Topic, TemporaryWal.Payload(i, 10));
        listener.RecordObservableInstruments();

        lock (totals)
        {
            Assert.Equal(5, totals["ollystack.wal.appended.records"]);
            Assert.Equal(5 * (TemporaryWal.RecordHeaderBytes + 10), totals["ollystack.wal.appended.bytes"]);
            Assert.Equal(log.FsyncCount(Topic), totals["ollystack.wal.fsyncs"]);
            Assert.Equal(log.FsyncCount(Topic), totals["ollystack.wal.fsync.duration"]);
            Assert.Equal(0, totals["ollystack.wal.queue.records"]);
            Assert.Equal(0, totals["ollystack.wal.queue.bytes"]);
        }
    }

    private static void Add(Dictionary<string, double> totals, Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        foreach (var tag in tags)
        {
            if (tag is not { Key: "topic", Value: Topic }) continue;
            lock (totals) totals[instrument.Name] = totals.GetValueOrDefault(instrument.Name) + value;
        }
    }
}
