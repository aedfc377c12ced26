namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// The times a metric query is evaluated at, in Unix nanoseconds, and which lines each step's window holds. A range
/// query's steps are start, start + step, ... up to end, each window <c>(t - range, t]</c> as Loki's range vectors; an
/// instant query has one step whose window is <c>[t - range, t)</c>.
/// </summary>
internal sealed record StepGrid(long StartUnixNano, long EndUnixNano, long StepNano, bool Instant)
{
    public int Count => Instant ? 1 : (int)((EndUnixNano - StartUnixNano) / StepNano) + 1;

    public long At(int index) => StartUnixNano + index * StepNano;

    /// <summary>Whether a line at <paramref name="time"/> is in the window that ends at <paramref name="windowEnd"/>.</summary>
    public bool InWindow(long time, long windowEnd, long range) =>
        Instant ? time >= windowEnd - range && time < windowEnd : time > windowEnd - range && time <= windowEnd;

    /// <summary>Whether a line at <paramref name="time"/> comes after the window that ends at <paramref name="windowEnd"/>.</summary>
    public bool AfterWindow(long time, long windowEnd) => Instant ? time >= windowEnd : time > windowEnd;

    /// <summary>The half-open span of stored times every window together covers, for the one read of the source.</summary>
    public (long Start, long End) ReadSpan(long range, long offset) => Instant
        ? (StartUnixNano - range - offset, StartUnixNano - offset)
        : (StartUnixNano - range - offset + 1, EndUnixNano - offset + 1);
}
