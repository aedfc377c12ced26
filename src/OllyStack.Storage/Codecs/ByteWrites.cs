using System.Buffers;
using System.Text;

namespace OllyStack.Storage.Codecs;

/// <summary>Appends the primitives of our block formats to a buffer: varints, zigzag varints and length-prefixed UTF-8 text.</summary>
internal static class ByteWrites
{
    public static void WriteVarint(this IBufferWriter<byte> output, ulong value) => output.Advance(Varint.Write(output.GetSpan(Varint.MaxLength), value));

    public static void WriteSignedVarint(this IBufferWriter<byte> output, long value) => output.Advance(Varint.WriteSigned(output.GetSpan(Varint.MaxLength), value));

    /// <summary>A varint byte length, then the text's UTF-8.</summary>
    public static void WriteText(this IBufferWriter<byte> output, string text)
    {
        var length = Encoding.UTF8.GetByteCount(text);
        output.WriteVarint((ulong)length);
        output.Advance(Encoding.UTF8.GetBytes(text, output.GetSpan(length)));
    }

    public static void WriteByte(this IBufferWriter<byte> output, byte value)
    {
        output.GetSpan(1)[0] = value;
        output.Advance(1);
    }

    /// <summary>Reads what <see cref="WriteText"/> wrote; returns the input after it.</summary>
    public static ReadOnlySpan<byte> ReadText(ReadOnlySpan<byte> source, out string text)
    {
        var rest = Varint.ReadBounded(source, source.Length, "text length", out var length);
        text = Encoding.UTF8.GetString(rest[..length]);
        return rest[length..];
    }
}
