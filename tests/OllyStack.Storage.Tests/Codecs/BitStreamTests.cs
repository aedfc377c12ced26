using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class BitStreamTests
{
    [Fact]
    public void FieldsOfEveryWidthReadBackInOrder()
    {
        var random = new Random(1);
        var fields = Enumerable.Range(0, 5000).Select(_ =>
        {
            var width = random.Next(0, 65);
            var bits = width == 0 ? 0 : (ulong)random.NextInt64() >> (64 - width) | (width == 64 ? 1UL << 63 : 0);
            return (Bits: bits, Width: width);
        }).ToArray();

        var counter = new BitCounter();
        foreach (var (bits, width) in fields) counter.Write(bits, width);
        var buffer = new byte[counter.Bytes + 3];
        var writer = new BitWriter(buffer);
        foreach (var (bits, width) in fields) writer.Write(bits, width);
        Assert.Equal(counter.Bytes, writer.Finish());

        var reader = new BitReader(buffer);
        foreach (var (bits, width) in fields) Assert.Equal(bits, reader.Read(width));
        Assert.Equal(3, reader.Rest.Length);
    }

    [Fact]
    public void UnaryRunsReadBackAndStopAtTheLimit()
    {
        var buffer = new byte[16];
        var writer = new BitWriter(buffer);
        writer.Write(1UL << 5, 6);
        writer.Write(0, 16);
        writer.Write(1, 1);
        writer.Finish();

        var reader = new BitReader(buffer);
        Assert.Equal(5, reader.ReadUnary(16));
        Assert.Equal(16, reader.ReadUnary(16));
        Assert.Equal(0, reader.ReadUnary(16));
    }

    [Fact]
    public void ReadingPastTheEndIsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => new BitReader([0xFF, 0xFF]).Read(17));
        Assert.Throws<InvalidDataException>(() => new BitReader([0x00]).ReadUnary(16));
        Assert.Throws<InvalidDataException>(() =>
        {
            var reader = new BitReader(new byte[9]);
            reader.Read(40);
            reader.Read(33);
        });
    }
}
