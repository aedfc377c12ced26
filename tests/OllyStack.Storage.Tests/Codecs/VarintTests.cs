using OllyStack.Storage.Codecs;

namespace OllyStack.Storage.Tests.Codecs;

public sealed class VarintTests
{
    [Theory]
    [InlineData(0UL, 1)]
    [InlineData(127UL, 1)]
    [InlineData(128UL, 2)]
    [InlineData(16_383UL, 2)]
    [InlineData(16_384UL, 3)]
    [InlineData(ulong.MaxValue, 10)]
    public void ValuesRoundTripInTheLengthTheyAreMeasuredAt(ulong value, int length)
    {
        var buffer = new byte[Varint.MaxLength + 1];

        Assert.Equal(length, Varint.Write(buffer, value));
        Assert.Equal(length, Varint.Length(value));
        var rest = Varint.Read(buffer, out var read);
        Assert.Equal(value, read);
        Assert.Equal(buffer.Length - length, rest.Length);
    }

    [Fact]
    public void SignedValuesNearZeroTakeOneByte()
    {
        var buffer = new byte[Varint.MaxLength];
        foreach (var value in new long[] { 0, -1, 1, -64, 63 })
        {
            Assert.Equal(1, Varint.WriteSigned(buffer, value));
            Varint.ReadSigned(buffer, out var read);
            Assert.Equal(value, read);
        }
        Varint.WriteSigned(buffer, long.MinValue);
        Varint.ReadSigned(buffer, out var min);
        Assert.Equal(long.MinValue, min);
    }

    [Fact]
    public void TruncatedVarintIsInvalidData()
    {
        Assert.Throws<InvalidDataException>(() => Varint.Read([0x80, 0x80], out _));
        Assert.Throws<InvalidDataException>(() => Varint.Read([], out _));
    }

    [Fact]
    public void VarintBeyondSixtyFourBitsIsInvalidData()
    {
        byte[] elevenBytes = [.. Enumerable.Repeat((byte)0x80, 10), 0x01];
        byte[] overflowingTenth = [.. Enumerable.Repeat((byte)0xFF, 9), 0x02];

        Assert.Throws<InvalidDataException>(() => Varint.Read(elevenBytes, out _));
        Assert.Throws<InvalidDataException>(() => Varint.Read(overflowingTenth, out _));
    }
}
