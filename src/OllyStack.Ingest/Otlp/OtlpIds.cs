using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Otlp;

/// <summary>Validation of OTLP trace and span ids: 16 and 8 bytes; an id that is present must not be all zero.</summary>
internal static class OtlpIds
{
    public static TraceId RequiredTraceId(ReadOnlySpan<byte> bytes, string field, ref string? problem)
    {
        var id = OptionalTraceId(bytes, field, ref problem);
        if (id.IsEmpty) problem ??= $"{field} is missing or all zero";
        return id;
    }

    public static SpanId RequiredSpanId(ReadOnlySpan<byte> bytes, string field, ref string? problem)
    {
        var id = OptionalSpanId(bytes, field, ref problem);
        if (id.IsEmpty) problem ??= $"{field} is missing or all zero";
        return id;
    }

    public static TraceId OptionalTraceId(ReadOnlySpan<byte> bytes, string field, ref string? problem)
    {
        if (bytes.IsEmpty) return TraceId.Empty;
        if (bytes.Length == TraceId.Length) return TraceId.Read(bytes);
        problem ??= $"{field} has {bytes.Length} bytes, expected 16";
        return TraceId.Empty;
    }

    public static SpanId OptionalSpanId(ReadOnlySpan<byte> bytes, string field, ref string? problem)
    {
        if (bytes.IsEmpty) return SpanId.Empty;
        if (bytes.Length == SpanId.Length) return SpanId.Read(bytes);
        problem ??= $"{field} has {bytes.Length} bytes, expected 8";
        return SpanId.Empty;
    }
}
