using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

/// <summary>The allocation budget of the hot path, zero bytes a block once warm; the benchmark shows the same figure.</summary>
public sealed class AllocationTests
{
    [Theory]
    [InlineData(BlockCompression.None)]
    [InlineData(BlockCompression.Lz4)]
    [InlineData(BlockCompression.Zstandard)]
    public void EncodingAndDecodingAWarmBlockAllocatesNothing(BlockCompression compression)
    {
        const int count = 8192;
        long[][] timestamps = [SeriesShapes.RegularTimestamps(count), SeriesShapes.JitteredTimestamps(count, 1), SeriesShapes.IrregularTimestamps(count, 1)];
        double[][] values = [SeriesShapes.CpuSecondsCounter(count, 1), Shapes.Values["specials-sprinkled"](count, 1), SeriesShapes.RandomFloats(count, 1), SeriesShapes.DriftingTinyFloats(count, 1)];
        using var encoder = new SampleBlockEncoder(compression);
        using var decoder = new SampleBlockDecoder();
        var block = new byte[SampleBlockFormat.MaxEncodedLength(count)];
        var decodedTimestamps = new long[count];
        var decodedValues = new double[count];

        void EncodeAndDecodeAll()
        {
            for (var i = 0; i < values.Length; i++)
            {
                var length = encoder.Encode(timestamps[i % timestamps.Length], values[i], block);
                decoder.Decode(block.AsSpan(0, length), decodedTimestamps, decodedValues, out _);
            }
        }

        EncodeAndDecodeAll();
        var before = GC.GetAllocatedBytesForCurrentThread();
        EncodeAndDecodeAll();
        EncodeAndDecodeAll();

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
