using OllyStack.Core.Batches;

namespace OllyStack.Storage.Logs;

/// <summary>
/// One stored log record of a stream: what a log block keeps per record. <see cref="Attributes"/> are the record's
/// attributes (and its scope name) as text with label-style names, which LogQL sees as structured metadata.
/// </summary>
public readonly record struct LogRow(
    long TimeUnixNano,
    long ObservedTimeUnixNano,
    byte SeverityNumber,
    string SeverityText,
    string Body,
    KeyValuePair<string, string>[] Attributes,
    TraceId TraceId,
    SpanId SpanId,
    uint Flags);
