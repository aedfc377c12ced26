using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

// Binary fields: trace and span ids in hex (OTLP/JSON's one departure from ProtoJSON), everything else in base64.
internal sealed partial class OtlpJsonRequest
{
    /// <summary>
    /// A trace or span id: hex digits in either case; "" reads as empty (absent). Text that is not whole bytes of
    /// hex is malformed; whole bytes of the wrong count are returned, for the caller's id rules to reject the record.
    /// </summary>
    public ReadOnlySpan<byte> HexId(JsonElement value, int expectedBytes)
    {
        var digits = String(value);
        var bytes = _arena.Allocate(digits.Length / 2);
        if (digits.Length % 2 != 0 || !TryDecodeHex(digits, bytes))
            throw Malformed(value, $"{Excerpt(value)} is not {expectedBytes * 2} hex digits");
        return bytes;
    }

    /// <summary>A bytes field: base64, standard or URL-safe, padded or not, as ProtoJSON allows.</summary>
    public ReadOnlySpan<byte> Base64Bytes(JsonElement value)
    {
        var text = String(value);
        var buffer = _arena.Allocate((text.Length + 3) / 4 * 4);
        text.CopyTo(buffer);
        buffer[text.Length..].Fill((byte)'=');
        buffer.Replace((byte)'-', (byte)'+');
        buffer.Replace((byte)'_', (byte)'/');
        if (Base64.DecodeFromUtf8InPlace(buffer, out var written) != OperationStatus.Done)
            throw Malformed(value, $"{Excerpt(value)} is not base64");
        return buffer[..written];
    }

    private static bool TryDecodeHex(ReadOnlySpan<byte> digits, Span<byte> bytes)
    {
        for (var i = 0; i < bytes.Length; i++)
        {
            var high = HexDigit(digits[2 * i]);
            var low = HexDigit(digits[2 * i + 1]);
            if ((high | low) < 0) return false;
            bytes[i] = (byte)(high << 4 | low);
        }
        return true;
    }

    private static int HexDigit(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };
}
