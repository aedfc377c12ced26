using System.Diagnostics.Metrics;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;

namespace OllyStack.Storage.Metrics;

/// <summary>Consumes the metrics topic of the durable log (consumer group <see cref="Group"/>) into the tenants' heads.</summary>
public sealed class MetricsStorageWriter : TopicStorageWriter
{
    public const string Group = "metrics-store";

    private static readonly Meter Meter = new("OllyStack.Storage");
    private static readonly Counter<long> Samples = Meter.CreateCounter<long>("ollystack.storage.samples", description: "Samples applied to the metric heads, by outcome.");
    private static readonly Counter<long> NewSeries = Meter.CreateCounter<long>("ollystack.storage.series.created", description: "Series created in the metric heads.");
    private static readonly Counter<long> Flushes = Meter.CreateCounter<long>("ollystack.storage.flushes", description: "Flushes of the metric heads to parts.");
    private readonly MetricsStore _store;
    private readonly Meter _meter;
    private readonly MetricBatch _batch = new();

    public MetricsStorageWriter(IDurableLog log, MetricsStore store) : base(log, LogTopics.Metrics, Group)
    {
        _store = store;
        // The writer's own meter, so the gauge (and its hold on the log) goes away with the writer.
        _meter = new Meter("OllyStack.Storage");
        _meter.CreateObservableGauge("ollystack.storage.lag.records", () => log.GetEndOffset(LogTopics.Metrics) - AppliedEnd,
            description: "Durable metric records the storage writer has not applied yet.");
        Start();
    }

    protected override bool HasUnflushed => _store.HeadSamples > 0;

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync().ConfigureAwait(false);
        _meter.Dispose();
        _batch.Dispose();
    }

    /// <summary>Metric parts need no offsets: a sample applied twice has the same series and time, and is kept once.</summary>
    protected override void Apply(long offset, ReadOnlySpan<byte> payload)
    {
        BatchCodec.Read(payload, _batch);
        Account(_store.For(_batch.Tenant).Head.Append(_batch), _batch.Tenant);
    }

    protected override bool FlushDue(TimeSpan sinceFlush) => _store.FlushDue(sinceFlush);

    protected override void Flush(long appliedEnd)
    {
        _store.Flush();
        Flushes.Add(1);
    }

    private static void Account(HeadAppendStats stats, string tenant)
    {
        Add("appended", stats.Appended, tenant);
        Add("out_of_order", stats.OutOfOrder, tenant);
        Add("deduplicated", stats.Deduplicated, tenant);
        Add("too_old", stats.TooOld, tenant);
        if (stats.NewSeries > 0) NewSeries.Add(stats.NewSeries, new KeyValuePair<string, object?>("tenant", tenant));
    }

    private static void Add(string outcome, long count, string tenant)
    {
        if (count > 0) Samples.Add(count, new KeyValuePair<string, object?>("tenant", tenant), new KeyValuePair<string, object?>("outcome", outcome));
    }
}
