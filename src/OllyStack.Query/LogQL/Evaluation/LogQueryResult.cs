using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>The answer to a log query: streams by final label set (sorted by labels), and what was read to find them.</summary>
public sealed record LogQueryResult(IReadOnlyList<LogStreamResult> Streams, LogScanStatistics Statistics);

/// <summary>The lines of one final label set, in the query's direction.</summary>
public sealed record LogStreamResult(Labels Labels, IReadOnlyList<LogLine> Entries);

/// <summary>One line as the pipeline left it, at its stored time.</summary>
public readonly record struct LogLine(long TimeUnixNano, string Line);

/// <summary>Lines and UTF-8 bytes read from the source (kept or not), as Loki reports in its statistics.</summary>
public sealed record LogScanStatistics(long LinesScanned, long BytesScanned);
