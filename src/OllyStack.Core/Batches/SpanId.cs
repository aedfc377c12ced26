using System.Buffers.Binary;

namespace OllyStack.Core.Batches;

/// <summary>An 8-byte span id, held big-endian so that hex follows the bytes.</summary>
public readonly record struct SpanId(ulong Value)
{
    public static readonly SpanId Empty = default;

    public const int Length = 8;

    public bool IsEmpty => Value == 0;

    public static SpanId Read(ReadOnlySpan<byte> bytes) => new(BinaryPrimitives.ReadUInt64BigEndian(bytes));

    public void Write(Span<byte> destination) => BinaryPrimitives.WriteUInt64BigEndian(destination, Value);

    public override string ToString() => $"{Value:x16}";
}
