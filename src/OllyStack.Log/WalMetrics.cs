using System.Diagnostics.Metrics;

namespace OllyStack.Log;

/// <summary>
/// The log's self-metrics on the "OllyStack.Log" meter, all tagged with the topic. Recorded once per group commit,
/// not per record, and tags are passed as structs, so recording allocates nothing.
/// </summary>
internal sealed class WalMetrics : IDisposable
{
    private const string TopicTag = "topic";

    private readonly Meter meter = new(WriteAheadLog.MeterName);
    private readonly Counter<long> appendedRecords;
    private readonly Counter<long> appendedBytes;
    private readonly Counter<long> fsyncs;
    private readonly Histogram<double> fsyncDuration;

    public WalMetrics(Func<IEnumerable<TopicLog>> topics)
    {
        appendedRecords = meter.CreateCounter<long>("ollystack.wal.appended.records", "{record}", "Records made durable");
        appendedBytes = meter.CreateCounter<long>("ollystack.wal.appended.bytes", "By", "Bytes made durable, record framing included");
        fsyncs = meter.CreateCounter<long>("ollystack.wal.fsyncs", "{fsync}", "fsync calls on segment files");
        fsyncDuration = meter.CreateHistogram<double>("ollystack.wal.fsync.duration", "s", "Duration of one fsync of a segment file");
        meter.CreateObservableGauge("ollystack.wal.queue.records",
            () => topics().Select(topic => new Measurement<long>(topic.QueuedRecords, Tag(topic.Name))),
            "{record}", "Appended records waiting for disk");
        meter.CreateObservableGauge("ollystack.wal.queue.bytes",
            () => topics().Select(topic => new Measurement<long>(topic.QueuedBytes, Tag(topic.Name))),
            "By", "Appended bytes waiting for disk");
    }

    public void RecordAppended(string topic, int records, long bytes)
    {
        appendedRecords.Add(records, Tag(topic));
        appendedBytes.Add(bytes, Tag(topic));
    }

    public void RecordFsync(string topic, TimeSpan duration)
    {
        fsyncs.Add(1, Tag(topic));
        fsyncDuration.Record(duration.TotalSeconds, Tag(topic));
    }

    public void Dispose() => meter.Dispose();

    private static KeyValuePair<string, object?> Tag(string topic) => new(TopicTag, topic);
}
