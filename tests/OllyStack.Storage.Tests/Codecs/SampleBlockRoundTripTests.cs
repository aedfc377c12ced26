using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class SampleBlockRoundTripTests
{
    private static readonly int[] Counts = [1, 2, 3, 127, 128, 129, 1000, 8192];

    public static TheoryData<string, string, BlockCompression> EveryShapeAndCompression()
    {
        var data = new TheoryData<string, string, BlockCompression>();
        foreach (var compression in Enum.GetValues<BlockCompression>())
        {
            foreach (var values in Shapes.Values.Keys) data.Add("jittered", values, compression);
            foreach (var timestamps in Shapes.Timestamps.Keys.Where(t => t != "jittered")) data.Add(timestamps, "noisy-gauge", compression);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryShapeAndCompression))]
    public void EveryShapeRoundTripsBitExactlyAtEveryBlockSize(string timestampShape, string valueShape, BlockCompression compression)
    {
        foreach (var count in Counts)
        {
            var timestamps = Shapes.Timestamps[timestampShape](count, count);
            var values = Shapes.Values[valueShape](count, count);
            BlockRoundTrip.Check(timestamps, values, compression);
        }
    }

    [Theory]
    [MemberData(nameof(EveryShapeAndCompression))]
    public void FastEffortRoundTripsEveryShapeAndNeverBeatsTheSmallest(string timestampShape, string valueShape, BlockCompression compression)
    {
        foreach (var count in Counts)
        {
            var timestamps = Shapes.Timestamps[timestampShape](count, count);
            var values = Shapes.Values[valueShape](count, count);
            var fast = BlockRoundTrip.Check(timestamps, values, compression, EncodingEffort.Fast);
            Assert.True(fast.Length >= BlockRoundTrip.Encode(timestamps, values, compression).Length, $"{count} samples: fast {fast.Length} bytes");
        }
    }

    [Fact]
    public void RandomMixturesOfShapesAndSpecialValuesRoundTrip()
    {
        var timestampShapes = Shapes.Timestamps.Values.ToArray();
        var valueShapes = Shapes.Values.Values.ToArray();
        var compressions = Enum.GetValues<BlockCompression>();
        for (var seed = 0; seed < 400; seed++)
        {
            var random = new Random(seed);
            var count = random.Next(3) == 0 ? random.Next(1, 10) : random.Next(1, 3000);
            var timestamps = timestampShapes[random.Next(timestampShapes.Length)](count, seed);
            var values = valueShapes[random.Next(valueShapes.Length)](count, seed);
            for (var spikes = random.Next(4); spikes > 0; spikes--) values[random.Next(count)] = SpecialValues.All[random.Next(SpecialValues.All.Length)];
            if (random.Next(4) == 0) values[random.Next(count)] = random.NextDouble() * Math.Pow(10, random.Next(-20, 20));
            BlockRoundTrip.Check(timestamps, values, compressions[random.Next(compressions.Length)]);
        }
    }

    [Fact]
    public void EverySpecialValueRoundTripsInEveryPosition()
    {
        foreach (var special in SpecialValues.All)
        foreach (var position in new[] { 0, 1, 500, 998, 999 })
        {
            var values = SeriesShapes.NoisyGauge(1000, position);
            values[position] = special;
            BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(1000), values);
        }
    }

    [Fact]
    public void DecimalsThatBinaryCannotHoldComeBackAsTheSameDoubles()
    {
        double[] values = [0.1, 0.2, 0.1 + 0.2, 12.34, 1.005, 0.3, 100.001, 1e-18, 123456789.123, 9007199254740993, 0.07, -12.34];
        BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(values.Length), values);
    }

    [Fact]
    public void OutOfOrderAndDuplicateTimestampsRoundTripRatherThanBeingRejected()
    {
        long[] timestamps = [30_000, 15_000, 15_000, 45_000, -5, long.MaxValue, long.MinValue, 0, 0, 60_000];
        var values = SeriesShapes.NoisyGauge(timestamps.Length, 1);

        var block = BlockRoundTrip.Check(timestamps, values);

        Assert.Equal(timestamps, BlockRoundTrip.Decode(block).Timestamps);
    }

    [Fact]
    public void SingleSampleBlocksRoundTrip()
    {
        foreach (var value in SpecialValues.All.Append(0).Append(-1.5).Append(double.MaxValue))
        foreach (var timestamp in new[] { 0L, -1L, long.MinValue, long.MaxValue, SeriesShapes.Start })
            BlockRoundTrip.Check([timestamp], [value]);
    }

    [Fact]
    public void BlocksBackToBackDecodeOneAfterAnother()
    {
        using var encoder = new SampleBlockEncoder(BlockCompression.Zstandard);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        var series = Enumerable.Range(0, 5).Select(i => (SeriesShapes.JitteredTimestamps(100 + i, i), SeriesShapes.NoisyGauge(100 + i, i))).ToArray();
        foreach (var (timestamps, values) in series) encoder.Encode(timestamps, values, buffer);

        using var decoder = new SampleBlockDecoder();
        ReadOnlySpan<byte> rest = buffer.WrittenSpan;
        foreach (var (timestamps, values) in series)
        {
            var decodedTimestamps = new long[200];
            var decodedValues = new double[200];
            rest = decoder.Decode(rest, decodedTimestamps, decodedValues, out var count);
            Assert.Equal(timestamps, decodedTimestamps[..count]);
            BlockRoundTrip.AssertSameBits(values, decodedValues[..count]);
        }
        Assert.Equal(0, rest.Length);
    }

    [Fact]
    public void OneEncoderAndDecoderServeBlocksOfChangingSizes()
    {
        using var encoder = new SampleBlockEncoder(BlockCompression.Lz4);
        using var decoder = new SampleBlockDecoder();
        var buffer = new byte[SampleBlockFormat.MaxEncodedLength(SampleBlockFormat.MaxSampleCount)];
        var timestamps = new long[SampleBlockFormat.MaxSampleCount];
        var values = new double[SampleBlockFormat.MaxSampleCount];
        foreach (var count in new[] { 5000, 3, SampleBlockFormat.MaxSampleCount, 1, 700 })
        {
            var expectedTimestamps = SeriesShapes.JitteredTimestamps(count, count);
            var expectedValues = SeriesShapes.CounterWithResets(count, count);
            var length = encoder.Encode(expectedTimestamps, expectedValues, buffer);
            decoder.Decode(buffer.AsSpan(0, length), timestamps, values, out var decoded);
            Assert.Equal(expectedTimestamps, timestamps[..decoded]);
            BlockRoundTrip.AssertSameBits(expectedValues, values[..decoded]);
        }
    }
}
