using System.Buffers.Binary;
using System.Numerics;

namespace OllyStack.Storage.Codecs;

/// <summary>
/// CRC-32C (Castagnoli), the checksum of every sample block (docs/format/sample-block.md), the same function the
/// write-ahead log uses. <see cref="BitOperations.Crc32C(uint, ulong)"/> maps to the SSE4.2 / ARMv8 CRC instructions,
/// so eight bytes cost about one instruction: checksumming never shows up next to the codecs.
/// </summary>
internal static class Crc32C
{
    private const uint InitialValue = 0xFFFFFFFF;

    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = InitialValue;
        while (data.Length >= sizeof(ulong))
        {
            crc = BitOperations.Crc32C(crc, BinaryPrimitives.ReadUInt64LittleEndian(data));
            data = data[sizeof(ulong)..];
        }
        foreach (var b in data) crc = BitOperations.Crc32C(crc, b);
        return ~crc;
    }
}
