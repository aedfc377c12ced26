using OllyStack.Storage.Logs;

namespace OllyStack.Query.LogQL;

/// <summary>
/// One stored log line: its stream (the same <see cref="LogStreamLabels"/> instance for every entry of a stream, so
/// per-stream work can be cached by reference), time, line and structured metadata (record attributes, trace and
/// span ids), which LogQL sees as labels after the stream selector.
/// </summary>
public readonly record struct LogEntry(
    LogStreamLabels Stream,
    long TimeUnixNano,
    string Line,
    IReadOnlyList<KeyValuePair<string, string>> StructuredMetadata)
{
    public const string TraceIdLabel = "trace_id";
    public const string SpanIdLabel = "span_id";

    /// <summary>
    /// A stored record as LogQL sees it: its structured metadata is the record's attributes plus <c>trace_id</c> and
    /// <c>span_id</c> (lower-case hex) when it has them.
    /// </summary>
    public static LogEntry Of(LogStreamLabels stream, in LogRow row) => new(stream, row.TimeUnixNano, row.Body, StructuredMetadataOf(row));

    private static IReadOnlyList<KeyValuePair<string, string>> StructuredMetadataOf(in LogRow row)
    {
        if (row.TraceId.IsEmpty && row.SpanId.IsEmpty) return row.Attributes;
        var metadata = new List<KeyValuePair<string, string>>(row.Attributes.Length + 2);
        metadata.AddRange(row.Attributes);
        if (!row.TraceId.IsEmpty) metadata.Add(new(TraceIdLabel, row.TraceId.ToString()));
        if (!row.SpanId.IsEmpty) metadata.Add(new(SpanIdLabel, row.SpanId.ToString()));
        return metadata;
    }
}
