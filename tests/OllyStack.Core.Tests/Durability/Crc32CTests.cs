using OllyStack.Core.Durability;
using System.Text;

namespace OllyStack.Core.Tests.Durability;

public sealed class Crc32CTests
{
    [Fact]
    public void StandardCheckValueIsReproduced() =>
        Assert.Equal(0xE3069283u, Crc32C.Compute("123456789"u8));

    [Fact]
    public void EmptyInputHasChecksumZero() => Assert.Equal(0u, Crc32C.Compute([]));

    [Fact]
    public void EveryLengthAgreesWithTheBitwiseDefinition()
    {
        var data = Encoding.ASCII.GetBytes("The quick brown fox jumps over the lazy dog, twice over.");
        for (var length = 0; length <= data.Length; length++)
            Assert.Equal(BitwiseCrc32C(data.AsSpan(0, length)), Crc32C.Compute(data.AsSpan(0, length)));
    }

    /// <summary>CRC-32C straight from its definition: reflected polynomial 0x82F63B78, one bit at a time.</summary>
    private static uint BitwiseCrc32C(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        }
        return ~crc;
    }
}
