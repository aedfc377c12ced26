namespace OllyStack.Benchmarks.Workloads;

/// <summary>The series shapes the sample block benchmarks encode, generated from fixed seeds.</summary>
public enum SampleShape
{
    /// <summary>node_cpu_seconds_total{mode="idle"}: seconds with two decimals, about 9.95 s of every 10 s.</summary>
    Counter,

    /// <summary>A temperature-like gauge with two decimals: a daily swing plus Gaussian noise of 0.5.</summary>
    NoisyGauge,

    /// <summary>Uniform random doubles in [0, 100): full 53-bit mantissas, nothing for a codec to find.</summary>
    RandomGauge,
}

public static class SampleSeries
{
    public const long Start = 1_700_000_000_000;
    public const long Interval = 10_000;

    public static long[] Timestamps(int count, int jitterMs = 0)
    {
        var random = new Random(7);
        var timestamps = new long[count];
        for (var i = 0; i < count; i++) timestamps[i] = Start + i * Interval + (jitterMs == 0 ? 0 : random.Next(-jitterMs, jitterMs + 1));
        return timestamps;
    }

    public static double[] Values(SampleShape shape, int count)
    {
        var random = new Random(11);
        var values = new double[count];
        long hundredths = 987_654_321;
        for (var i = 0; i < count; i++)
        {
            values[i] = shape switch
            {
                SampleShape.Counter => (hundredths += 995 + random.Next(-5, 6)) / 100.0,
                SampleShape.NoisyGauge => Math.Round(50 + 10 * Math.Sin(i * 2 * Math.PI / 8640) + Gaussian(random) * 0.5, 2),
                _ => random.NextDouble() * 100,
            };
        }
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
