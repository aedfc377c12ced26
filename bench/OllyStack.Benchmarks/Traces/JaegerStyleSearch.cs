using OllyStack.Core.Batches;
using OllyStack.Storage.Traces;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// The store's part of a Jaeger trace search (<c>GET /api/traces?service=...&amp;operation=...&amp;limit=...</c>), the
/// same steps as the server's Jaeger API without HTTP and JSON: scan the window for the service's spans of the
/// operation, keep the most recently started traces up to the limit, and read each of them whole by id.
/// </summary>
public static class JaegerStyleSearch
{
    public static List<IReadOnlyList<SpanRow>> Run(TenantTraces traces, SpanScan scan, int limit)
    {
        var latest = new Dictionary<TraceId, long>();
        foreach (var span in traces.Scan(scan, CancellationToken.None))
            latest[span.TraceId] = Math.Max(latest.GetValueOrDefault(span.TraceId, long.MinValue), span.StartUnixNano);
        return [.. latest.OrderByDescending(t => t.Value).Take(limit).Select(t => traces.FindTrace(t.Key))];
    }
}
