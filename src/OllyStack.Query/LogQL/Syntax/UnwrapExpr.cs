namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// <c>| unwrap latency</c>, <c>| unwrap duration(latency)</c> or <c>| unwrap bytes(size)</c>: each line's sample is the
/// label's value; label filters written after it (<see cref="PostFilters"/>) run once the value is read.
/// </summary>
public sealed record UnwrapExpr(string Label, UnwrapConversion Conversion, IReadOnlyList<LabelFilterExpr> PostFilters);

/// <summary>How <c>unwrap</c> reads a label's value.</summary>
public enum UnwrapConversion
{
    /// <summary>A plain number.</summary>
    Number,

    /// <summary><c>duration(...)</c> or <c>duration_seconds(...)</c>: a Go duration, in seconds.</summary>
    Duration,

    /// <summary><c>bytes(...)</c>: a size such as <c>5KiB</c>, in bytes.</summary>
    Bytes,
}
