using System.Buffers.Binary;

namespace OllyStack.Core.Batches;

/// <summary>A 16-byte trace id, held as two big-endian halves so that ordering and hex follow the bytes.</summary>
public readonly record struct TraceId(ulong High, ulong Low)
{
    public static readonly TraceId Empty = default;

    public const int Length = 16;

    public bool IsEmpty => High == 0 && Low == 0;

    public static TraceId Read(ReadOnlySpan<byte> bytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));

    public void Write(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, High);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], Low);
    }

    public override string ToString() => $"{High:x16}{Low:x16}";
}
