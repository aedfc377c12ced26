namespace OllyStack.Pipeline.SpanMetrics;

/// <summary>The calls, duration sum and per-bucket counts (not cumulative; the last bucket is +Inf) of one span group.</summary>
internal sealed class SpanGroupTotals(int buckets)
{
    public long Count { get; private set; }

    public double SumSeconds { get; private set; }

    public long[] Buckets { get; } = new long[buckets];

    public void Add(double seconds, double[] bounds)
    {
        Count++;
        SumSeconds += seconds;
        var bucket = 0;
        while (bucket < bounds.Length && seconds > bounds[bucket]) bucket++;
        Buckets[bucket]++;
    }
}
