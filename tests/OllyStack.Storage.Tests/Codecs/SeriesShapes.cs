namespace OllyStack.Storage.Tests.Codecs;

/// <summary>Series of the kinds a metric store sees, generated from a seed so every failure reproduces.</summary>
internal static class SeriesShapes
{
    public const long Start = 1_700_000_000_000;
    public const long ScrapeInterval = 15_000;

    public static long[] RegularTimestamps(int count, long interval = ScrapeInterval)
    {
        var timestamps = new long[count];
        for (var i = 0; i < count; i++) timestamps[i] = Start + i * interval;
        return timestamps;
    }

    /// <summary>Scrapes up to <paramref name="jitterMs"/> early or late, and every so often one missed.</summary>
    public static long[] JitteredTimestamps(int count, int seed, int jitterMs = 3)
    {
        var random = new Random(seed);
        var timestamps = new long[count];
        var due = Start;
        for (var i = 0; i < count; i++)
        {
            if (random.Next(200) == 0) due += ScrapeInterval;
            timestamps[i] = due + random.Next(-jitterMs, jitterMs + 1);
            due += ScrapeInterval;
        }
        return timestamps;
    }

    /// <summary>Intervals anywhere from 1 ms to 10 minutes.</summary>
    public static long[] IrregularTimestamps(int count, int seed)
    {
        var random = new Random(seed);
        var timestamps = new long[count];
        var t = Start;
        for (var i = 0; i < count; i++) timestamps[i] = t += random.NextInt64(1, 600_000);
        return timestamps;
    }

    public static long[] ShuffledTimestamps(int count, int seed)
    {
        var timestamps = RegularTimestamps(count);
        new Random(seed).Shuffle(timestamps);
        return timestamps;
    }

    public static double[] Constant(int count, double value) => Enumerable.Repeat(value, count).ToArray();

    /// <summary>A byte counter: integer increments around a rate, reset to zero now and then (a restart).</summary>
    public static double[] CounterWithResets(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        double total = random.Next(1_000_000);
        for (var i = 0; i < count; i++)
        {
            if (random.Next(1000) == 0) total = 0;
            total += 50_000 + random.Next(-2_000, 2_000);
            values[i] = total;
        }
        return values;
    }

    /// <summary>node_cpu_seconds_total: seconds with two decimals, about 14.9 s of every 15 s idle.</summary>
    public static double[] CpuSecondsCounter(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        long hundredths = 123_456_789;
        for (var i = 0; i < count; i++)
        {
            hundredths += 1_490 + random.Next(-8, 9);
            values[i] = hundredths / 100.0;
        }
        return values;
    }

    /// <summary>A temperature-like gauge: a slow swing plus noise, rounded to <paramref name="decimals"/>.</summary>
    public static double[] NoisyGauge(int count, int seed, int decimals = 2)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            var swing = 50 + 10 * Math.Sin(i * 2 * Math.PI / 5760);
            values[i] = Math.Round(swing + Gaussian(random) * 0.5, decimals);
        }
        return values;
    }

    /// <summary>Values like 0.1, 12.34, 7.005: few decimals, typed in or computed by a client that rounds.</summary>
    public static double[] ShortDecimals(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = random.Next(0, 100_000) / Math.Pow(10, random.Next(0, 4));
        return values;
    }

    public static double[] RandomFloats(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = random.NextDouble() * 100;
        return values;
    }

    /// <summary>
    /// A reading around 1e-5 that drifts by parts per million: full binary precision, so no decimal mantissa fits
    /// 64 bits, but neighbours share their sign, exponent and leading mantissa bits.
    /// </summary>
    public static double[] DriftingTinyFloats(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        var value = 1e-5;
        for (var i = 0; i < count; i++) values[i] = value *= 1 + (random.NextDouble() - 0.5) * 1e-6;
        return values;
    }

    /// <summary>Any 64-bit pattern: subnormals, huge and tiny magnitudes, NaNs with payloads, infinities.</summary>
    public static double[] RandomBits(int count, int seed)
    {
        var random = new Random(seed);
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue));
        return values;
    }

    public static double[] HugeAndTiny(int count, int seed)
    {
        var random = new Random(seed);
        double[] extremes = [double.MaxValue, double.MinValue, double.Epsilon, -double.Epsilon, 1e300, 1e-300, 2.2250738585072014e-308, 1e19, 9.2e18];
        var values = new double[count];
        for (var i = 0; i < count; i++) values[i] = extremes[random.Next(extremes.Length)] * (random.Next(2) == 0 ? 1 : 0.5);
        return values;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
