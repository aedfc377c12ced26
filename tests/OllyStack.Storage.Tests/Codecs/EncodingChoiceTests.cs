using OllyStack.Storage.Codecs;
using Xunit.Abstractions;

namespace OllyStack.Storage.Tests.Codecs;

/// <summary>Each block picks the encoding its data calls for, and pays only for what the data holds.</summary>
public sealed class EncodingChoiceTests(ITestOutputHelper output)
{
    private const int Count = 8192;

    [Fact]
    public void ConstantSeriesAtConstantIntervalEncodesInAHandfulOfBytes()
    {
        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), SeriesShapes.Constant(Count, 1));

        var header = SampleBlockHeader.Read(block);
        Assert.Equal(TimestampEncoding.ConstantInterval, header.TimestampEncoding);
        Assert.Equal(ValueEncoding.Constant, header.ValueEncoding);
        Assert.True(block.Length <= 32, $"{block.Length} bytes");
    }

    [Fact]
    public void SteadyCounterIsCodedAsDecimalMantissasAndCostsUnderOneBytePerSample()
    {
        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), SeriesShapes.CpuSecondsCounter(Count, 1));

        var header = SampleBlockHeader.Read(block);
        Assert.Equal(TimestampEncoding.ConstantInterval, header.TimestampEncoding);
        Assert.Contains(header.ValueEncoding, new[] { ValueEncoding.DecimalDelta, ValueEncoding.DecimalDeltaOfDelta });
        Report("cpu-seconds counter, regular", block);
        Assert.True(block.Length < Count, $"{block.Length} bytes");
    }

    [Fact]
    public void NoisyTwoDecimalGaugeIsCodedAsDecimalDeltas()
    {
        var block = BlockRoundTrip.Check(SeriesShapes.JitteredTimestamps(Count, 1), SeriesShapes.NoisyGauge(Count, 1));

        var header = SampleBlockHeader.Read(block);
        Assert.Equal(ValueEncoding.DecimalDelta, header.ValueEncoding);
        Report("noisy 2-decimal gauge, jittered", block);
    }

    [Fact]
    public void FloatsWithoutAShortDecimalFormFallBackToGorillaXor()
    {
        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), SeriesShapes.DriftingTinyFloats(Count, 1));

        Assert.Equal(ValueEncoding.GorillaXor, SampleBlockHeader.Read(block).ValueEncoding);
        Report("drifting tiny floats", block);
    }

    [Fact]
    public void RandomFloatsTakeWhicheverOfDecimalAndXorIsSmaller()
    {
        var values = SeriesShapes.RandomFloats(Count, 1);
        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);

        Report("random floats in [0, 100)", block);
        Assert.True(block.Length <= GorillaXor.Measure(values) + 32);
    }

    [Fact]
    public void RandomBitPatternsAreStoredRawNotInflated()
    {
        var block = BlockRoundTrip.Check(Shapes.Timestamps["extreme"](Count, 1), SeriesShapes.RandomBits(Count, 1));

        Report("random bits", block);
        Assert.Equal(ValueEncoding.Raw, SampleBlockHeader.Read(block).ValueEncoding);
        Assert.True(block.Length <= SampleBlockFormat.MaxEncodedLength(Count));
    }

    [Fact]
    public void StaleMarkerAtTheEndOfACounterIsAnExceptionNotAFallback()
    {
        var values = SeriesShapes.CpuSecondsCounter(Count, 1);
        var withoutMarker = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);
        values[^1] = SpecialValues.StaleMarker;

        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);

        Assert.Equal(SampleBlockHeader.Read(withoutMarker).ValueEncoding, SampleBlockHeader.Read(block).ValueEncoding);
        Assert.True(block.Length <= withoutMarker.Length + 16, $"{block.Length} bytes with the marker, {withoutMarker.Length} without");
    }

    [Fact]
    public void AFewValuesWithLongDecimalExpansionsDoNotWidenTheWholeBlock()
    {
        var values = SeriesShapes.NoisyGauge(Count, 1);
        var plain = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);
        for (var i = 0; i < Count; i += 1000) values[i] += 0.1 + 0.2;

        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);

        Assert.True(block.Length < plain.Length * 1.05, $"{block.Length} bytes against {plain.Length}");
    }

    [Fact]
    public void ValuesAnUlpOffTheirShortDecimalCostAFewBytesEach()
    {
        var values = SeriesShapes.NoisyGauge(Count, 1);
        var plain = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);
        var offByArithmetic = 0;
        for (var i = 0; i < Count; i += 4)
        {
            values[i] = BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(values[i]) + (i % 8 == 0 ? 1 : -2));
            offByArithmetic++;
        }

        var block = BlockRoundTrip.Check(SeriesShapes.RegularTimestamps(Count), values);

        Assert.Equal(ValueEncoding.DecimalDelta, SampleBlockHeader.Read(block).ValueEncoding);
        Assert.True(block.Length - plain.Length <= 3 * offByArithmetic, $"{block.Length - plain.Length} bytes for {offByArithmetic} values");
    }

    [Fact]
    public void MissedScrapesCostAFewBytesEachNotAWiderInterval()
    {
        var timestamps = SeriesShapes.RegularTimestamps(Count);
        for (var i = 0; i < Count; i++) timestamps[i] += (i / 1000) * SeriesShapes.ScrapeInterval;

        var block = BlockRoundTrip.Check(timestamps, SeriesShapes.Constant(Count, 3));

        Report("8 missed scrapes", block);
        Assert.True(block.Length < 80, $"{block.Length} bytes");
    }

    [Fact]
    public void TimestampsAtWholeSecondsCostNothingForTheirMilliseconds()
    {
        var seconds = SeriesShapes.JitteredTimestamps(Count, 1, jitterMs: 2000).Select(t => t / 1000 * 1000).ToArray();
        var milliseconds = SeriesShapes.JitteredTimestamps(Count, 1, jitterMs: 2).ToArray();

        var secondsBlock = BlockRoundTrip.Check(seconds, SeriesShapes.Constant(Count, 3));
        var millisecondsBlock = BlockRoundTrip.Check(milliseconds, SeriesShapes.Constant(Count, 3));

        Assert.True(secondsBlock.Length <= millisecondsBlock.Length * 1.2, $"{secondsBlock.Length} bytes at whole seconds, {millisecondsBlock.Length} at ±2 ms");
    }

    [Fact]
    public void CompressionIsKeptOnlyWhenItMakesTheBlockSmaller()
    {
        var timestamps = SeriesShapes.RegularTimestamps(Count);
        var repetitive = Enumerable.Range(0, Count).Select(i => (double)(i % 7 == 0 ? 100 : 3)).ToArray();
        var random = SeriesShapes.RandomBits(Count, 2);

        foreach (var compression in new[] { BlockCompression.Lz4, BlockCompression.Zstandard })
        {
            var squeezed = BlockRoundTrip.Check(timestamps, repetitive, compression);
            var incompressible = BlockRoundTrip.Check(timestamps, random, compression);

            Assert.Equal(compression, SampleBlockHeader.Read(squeezed).Compression);
            Assert.True(squeezed.Length < BlockRoundTrip.Encode(timestamps, repetitive).Length);
            Assert.Equal(BlockCompression.None, SampleBlockHeader.Read(incompressible).Compression);
            Assert.Equal(BlockRoundTrip.Encode(timestamps, random).Length, incompressible.Length);
        }
    }

    private void Report(string shape, byte[] block)
    {
        var header = SampleBlockHeader.Read(block);
        output.WriteLine($"{shape}: {header.TimestampEncoding}/{header.ValueEncoding}, {block.Length} bytes, {(double)block.Length / header.SampleCount:F3} bytes/sample");
    }
}
