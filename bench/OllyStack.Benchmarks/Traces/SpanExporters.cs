using Google.Protobuf;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// What each service instance's SDK sends, as its batch span processor does by default: ended spans are queued and
/// exported in an OTLP request when 512 are waiting or 5 s after the instance's previous export. A request holds the
/// instance's resource once and one ScopeSpans per instrumentation scope. So a trace's spans arrive in several
/// requests, from several instances, seconds apart, and a flush of the store can fall between them.
/// </summary>
public sealed class SpanExporters
{
    private const int MaxExportBatch = 512;
    private const long ScheduleDelayNano = 5_000_000_000;
    private readonly Dictionary<ServiceInstance, Queue> _queues = new(ReferenceEqualityComparer.Instance);

    /// <summary>Queues a finished trace's spans at <paramref name="nowUnixNano"/>; the requests this sends go to <paramref name="sent"/>.</summary>
    public void Add(IReadOnlyList<RecordedSpan> spans, long nowUnixNano, List<ExportedRequest> sent)
    {
        foreach (var span in spans)
        {
            if (!_queues.TryGetValue(span.Instance, out var queue)) _queues[span.Instance] = queue = new Queue { LastExport = nowUnixNano };
            queue.Spans.Add(span);
            if (queue.Spans.Count == MaxExportBatch) Export(span.Instance, queue, nowUnixNano, sent);
        }
        foreach (var (instance, queue) in _queues)
            if (queue.Spans.Count > 0 && nowUnixNano - queue.LastExport >= ScheduleDelayNano) Export(instance, queue, nowUnixNano, sent);
    }

    /// <summary>Sends every queued span, as SDKs do when their service shuts down.</summary>
    public void Drain(long nowUnixNano, List<ExportedRequest> sent)
    {
        foreach (var (instance, queue) in _queues)
            if (queue.Spans.Count > 0) Export(instance, queue, nowUnixNano, sent);
    }

    private static void Export(ServiceInstance instance, Queue queue, long nowUnixNano, List<ExportedRequest> sent)
    {
        var spans = queue.Spans;
        var resourceSpans = new ResourceSpans { Resource = instance.Resource };
        foreach (var scope in spans.GroupBy(s => s.Scope, ReferenceEqualityComparer.Instance))
            resourceSpans.ScopeSpans.Add(new ScopeSpans { Scope = (InstrumentationScope)scope.Key!, Spans = { scope.Select(s => s.Span) } });
        var request = new ExportTraceServiceRequest { ResourceSpans = { resourceSpans } };
        sent.Add(new ExportedRequest(request.ToByteArray(), spans.Count, [.. spans.Select(s => TraceId.Read(s.Span.TraceId.Span)).Distinct()]));
        spans.Clear();
        queue.LastExport = nowUnixNano;
    }

    private sealed class Queue
    {
        public List<RecordedSpan> Spans { get; } = [];

        public long LastExport { get; set; }
    }
}
