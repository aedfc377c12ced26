using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

/// <summary>Encodes, decodes and demands every timestamp and every value's bits back.</summary>
internal static class BlockRoundTrip
{
    public static byte[] Encode(long[] timestamps, double[] values, BlockCompression compression = BlockCompression.None, EncodingEffort effort = EncodingEffort.Smallest)
    {
        using var encoder = new SampleBlockEncoder(compression, effort: effort);
        var buffer = new byte[SampleBlockFormat.MaxEncodedLength(timestamps.Length)];
        var length = encoder.Encode(timestamps, values, buffer);
        return buffer[..length];
    }

    public static (long[] Timestamps, double[] Values) Decode(byte[] block)
    {
        var count = SampleBlockHeader.Read(block).SampleCount;
        var timestamps = new long[count];
        var values = new double[count];
        using var decoder = new SampleBlockDecoder();
        var rest = decoder.Decode(block, timestamps, values, out var decoded);
        Assert.Equal(count, decoded);
        Assert.Equal(0, rest.Length);
        return (timestamps, values);
    }

    /// <summary>Round-trips and returns the block, for assertions on its size and encodings.</summary>
    public static byte[] Check(long[] timestamps, double[] values, BlockCompression compression = BlockCompression.None, EncodingEffort effort = EncodingEffort.Smallest)
    {
        var block = Encode(timestamps, values, compression, effort);
        var (decodedTimestamps, decodedValues) = Decode(block);
        Assert.Equal(timestamps, decodedTimestamps);
        AssertSameBits(values, decodedValues);
        return block;
    }

    public static void AssertSameBits(double[] expected, double[] actual)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var want = BitConverter.DoubleToInt64Bits(expected[i]);
            var got = BitConverter.DoubleToInt64Bits(actual[i]);
            if (want != got) Assert.Fail($"value {i}: expected {expected[i]:R} (0x{want:x16}), got {actual[i]:R} (0x{got:x16})");
        }
    }
}
