using System.Text.Json;

namespace OllyStack.Ingest.Wire;

/// <summary>A body that is not JSON at all, reported by its byte offset: request bodies are rarely split into lines.</summary>
internal static class JsonSyntaxErrors
{
    public static MalformedPayloadException Malformed(ReadOnlySpan<byte> json, JsonException e) =>
        new($"malformed JSON at byte {ByteOffset(json, e)}: {WithoutPosition(e.Message)}");

    private static long ByteOffset(ReadOnlySpan<byte> json, JsonException e)
    {
        var lineStart = 0;
        for (var line = e.LineNumber ?? 0; line > 0; line--)
        {
            var newline = json[lineStart..].IndexOf((byte)'\n');
            if (newline < 0) break;
            lineStart += newline + 1;
        }
        return lineStart + (e.BytePositionInLine ?? 0);
    }

    // System.Text.Json appends "LineNumber: 0 | BytePositionInLine: 7."; the byte offset is reported instead.
    private static string WithoutPosition(string message)
    {
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }
}
