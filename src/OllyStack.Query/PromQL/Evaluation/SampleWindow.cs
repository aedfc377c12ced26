namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// One series' samples within a range function's window, ascending by time, stale markers left out: slices of the
/// loaded arrays, so windows cost no copies.
/// </summary>
internal readonly ref struct SampleWindow(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values)
{
    public ReadOnlySpan<long> Timestamps { get; } = timestamps;

    public ReadOnlySpan<double> Values { get; } = values;

    public int Length => Timestamps.Length;
}
