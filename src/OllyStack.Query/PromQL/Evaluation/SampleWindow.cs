namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// One series' samples within a range function's window, ascending by time, stale markers left out: slices of the
/// loaded arrays, so windows cost no copies. <see cref="KnownWithoutResets"/> says the values are known to be
/// non-negative and never to fall, so counter functions need not look for resets.
/// </summary>
internal readonly ref struct SampleWindow(ReadOnlySpan<long> timestamps, ReadOnlySpan<double> values, bool knownWithoutResets = false)
{
    public ReadOnlySpan<long> Timestamps { get; } = timestamps;

    public ReadOnlySpan<double> Values { get; } = values;

    public bool KnownWithoutResets { get; } = knownWithoutResets;

    public int Length => Timestamps.Length;
}
