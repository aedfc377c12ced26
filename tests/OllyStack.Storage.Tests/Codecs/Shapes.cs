namespace OllyStack.Storage.Tests.Codecs;

/// <summary>Named timestamp and value shapes, so a theory can run each one and a failure names what it was.</summary>
internal static class Shapes
{
    public static readonly IReadOnlyDictionary<string, Func<int, int, long[]>> Timestamps = new Dictionary<string, Func<int, int, long[]>>
    {
        ["regular"] = (count, _) => SeriesShapes.RegularTimestamps(count),
        ["jittered"] = (count, seed) => SeriesShapes.JitteredTimestamps(count, seed),
        ["irregular"] = SeriesShapes.IrregularTimestamps,
        ["out-of-order"] = SeriesShapes.ShuffledTimestamps,
        ["whole-seconds"] = (count, seed) => SeriesShapes.JitteredTimestamps(count, seed).Select(t => t / 1000 * 1000).ToArray(),
        ["extreme"] = (count, seed) =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(i => i % 3 == 0 ? long.MinValue : i % 3 == 1 ? long.MaxValue : random.NextInt64()).ToArray();
        },
    };

    public static readonly IReadOnlyDictionary<string, Func<int, int, double[]>> Values = new Dictionary<string, Func<int, int, double[]>>
    {
        ["constant"] = (count, _) => SeriesShapes.Constant(count, 42.5),
        ["zero"] = (count, _) => SeriesShapes.Constant(count, 0),
        ["counter-with-resets"] = SeriesShapes.CounterWithResets,
        ["cpu-seconds"] = SeriesShapes.CpuSecondsCounter,
        ["noisy-gauge"] = (count, seed) => SeriesShapes.NoisyGauge(count, seed),
        ["short-decimals"] = SeriesShapes.ShortDecimals,
        ["random-floats"] = SeriesShapes.RandomFloats,
        ["random-bits"] = SeriesShapes.RandomBits,
        ["huge-and-tiny"] = SeriesShapes.HugeAndTiny,
        ["stale-at-end"] = (count, seed) => WithSpecials(SeriesShapes.CpuSecondsCounter(count, seed), [count - 1], SpecialValues.StaleMarker),
        ["specials-sprinkled"] = (count, seed) =>
        {
            var values = SeriesShapes.NoisyGauge(count, seed);
            var random = new Random(seed);
            for (var i = 0; i < count; i += 1 + random.Next(20)) values[i] = SpecialValues.All[random.Next(SpecialValues.All.Length)];
            return values;
        },
        ["only-specials"] = (count, seed) =>
        {
            var random = new Random(seed);
            return Enumerable.Range(0, count).Select(_ => SpecialValues.All[random.Next(SpecialValues.All.Length)]).ToArray();
        },
    };

    private static double[] WithSpecials(double[] values, int[] positions, double special)
    {
        foreach (var position in positions) values[position] = special;
        return values;
    }
}
