namespace OllyStack.Storage.Traces.Parts;

/// <summary>
/// Where a span block lies in its part file (its frame), the range of its spans' start times, and which of the part's
/// sorted trace ids it holds: <see cref="TraceCount"/> of them from <see cref="FirstTrace"/> on.
/// </summary>
public readonly record struct SpanBlockRef(long Offset, int Length, long MinStartUnixNano, long MaxStartUnixNano, int SpanCount, int FirstTrace, int TraceCount)
{
    public bool Overlaps(long startUnixNano, long endUnixNano) => MaxStartUnixNano >= startUnixNano && MinStartUnixNano < endUnixNano;
}
