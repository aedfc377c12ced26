using System.Buffers.Text;
using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Otlp;

/// <summary>An attribute value as label text: strings as they are, numbers and booleans formatted, bytes as base64, composites as JSON.</summary>
internal static class AnyValueText
{
    public static Utf8Ref ToText(AnyValue value, Utf8Heap strings)
    {
        Span<byte> buffer = stackalloc byte[32];
        switch (value.Kind)
        {
            case AnyValueKind.String or AnyValueKind.Array or AnyValueKind.KeyValueList:
                return value.Text;
            case AnyValueKind.Bool:
                return strings.Intern(value.Scalar != 0 ? "true"u8 : "false"u8);
            case AnyValueKind.Int:
                Utf8Formatter.TryFormat(value.Scalar, buffer, out var written);
                return strings.Intern(buffer[..written]);
            case AnyValueKind.Double:
                value.AsDouble.TryFormat(buffer, out written, "R", System.Globalization.CultureInfo.InvariantCulture);
                return strings.Intern(buffer[..written]);
            case AnyValueKind.Bytes:
                return Base64(value.Text, strings);
            default:
                return Utf8Ref.Empty;
        }
    }

    private static Utf8Ref Base64(Utf8Ref bytes, Utf8Heap strings)
    {
        // Reserve may move the heap, so the source bytes are copied out before it.
        var rented = System.Buffers.ArrayPool<byte>.Shared.Rent(bytes.Length);
        try
        {
            strings[bytes].CopyTo(rented);
            var destination = strings.Reserve(System.Buffers.Text.Base64.GetMaxEncodedToUtf8Length(bytes.Length), out var reserved);
            System.Buffers.Text.Base64.EncodeToUtf8(rented.AsSpan(0, bytes.Length), destination, out _, out var written);
            return strings.Shrink(reserved, written);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
