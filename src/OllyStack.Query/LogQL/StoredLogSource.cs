using OllyStack.Storage.Logs;

namespace OllyStack.Query.LogQL;

/// <summary>
/// LogQL's view of the embedded log store: a tenant's records as entries whose structured metadata is the record's
/// attributes plus <c>trace_id</c> and <c>span_id</c> (lower-case hex) when it has them.
/// </summary>
public sealed class StoredLogSource(LogsStore store) : ILogSource
{
    public const string TraceIdLabel = "trace_id";
    public const string SpanIdLabel = "span_id";

    public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
    {
        if (store.Find(read.Tenant) is not { } tenant) yield break;
        var selection = new LogSelection(read.Selector, read.StartUnixNano, read.EndUnixNano, read.Direction == LogDirection.Backward, read.RequiredSubstrings);
        var streams = new Dictionary<LogStream, LogStreamLabels>(ReferenceEqualityComparer.Instance);
        foreach (var (stream, row) in tenant.Read(selection, cancellationToken))
        {
            if (!streams.TryGetValue(stream, out var labels)) streams[stream] = labels = new LogStreamLabels(stream.Labels);
            yield return new LogEntry(labels, row.TimeUnixNano, row.Body, StructuredMetadata(row));
        }
    }

    /// <summary>The tenant's streams with records in [start, end) that every matcher accepts.</summary>
    public IReadOnlyList<LogStream> Streams(string tenant, IReadOnlyList<Storage.Index.LabelMatcher> selector, long startUnixNano, long endUnixNano) =>
        store.Find(tenant)?.Streams(new LogSelection(selector, startUnixNano, endUnixNano, false, [])) ?? [];

    private static IReadOnlyList<KeyValuePair<string, string>> StructuredMetadata(LogRow row)
    {
        if (row.TraceId.IsEmpty && row.SpanId.IsEmpty) return row.Attributes;
        var metadata = new List<KeyValuePair<string, string>>(row.Attributes.Length + 2);
        metadata.AddRange(row.Attributes);
        if (!row.TraceId.IsEmpty) metadata.Add(new(TraceIdLabel, row.TraceId.ToString()));
        if (!row.SpanId.IsEmpty) metadata.Add(new(SpanIdLabel, row.SpanId.ToString()));
        return metadata;
    }
}
