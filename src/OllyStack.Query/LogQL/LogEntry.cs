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
    IReadOnlyList<KeyValuePair<string, string>> StructuredMetadata);
