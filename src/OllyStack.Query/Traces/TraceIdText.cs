using System.Globalization;
using OllyStack.Core.Batches;
using OllyStack.Query.Api;

namespace OllyStack.Query.Traces;

/// <summary>Trace ids in URLs: 1 to 32 hex digits, shorter ones as Jaeger's 64-bit ids (left-padded with zeros).</summary>
public static class TraceIdText
{
    /// <exception cref="ApiException">400 when the text is not a trace id.</exception>
    public static TraceId Parse(string text, string parameter)
    {
        if (text.Length is 0 or > 32 || !text.All(char.IsAsciiHexDigit))
            throw ApiException.BadData($"invalid parameter \"{parameter}\": \"{text}\" is not a trace id of 1 to 32 hex digits");
        var padded = text.PadLeft(32, '0');
        return new TraceId(
            ulong.Parse(padded.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture),
            ulong.Parse(padded.AsSpan(16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }
}
