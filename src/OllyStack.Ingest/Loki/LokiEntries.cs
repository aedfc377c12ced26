using OllyStack.Core.Batches;
using OllyStack.Core.Logs;

namespace OllyStack.Ingest.Loki;

/// <summary>
/// Appends one Loki entry to a <see cref="LogBatch"/> as an OpenTelemetry log record: the line as a string body, the
/// structured metadata as record attributes, the stream's resource and severity. Metadata <c>trace_id</c> and
/// <c>span_id</c> that are hex ids of the right length also become the record's trace context.
/// </summary>
internal static class LokiEntries
{
    /// <summary>Appends the entry; its structured metadata must be the attributes added since <paramref name="metadataStart"/>.</summary>
    public static void Append(LogBatch batch, in LokiStream stream, long timeUnixNano, long observedUnixNano, Utf8Ref line, int metadataStart)
    {
        var record = new LogRecordFields
        {
            TimeUnixNano = timeUnixNano,
            ObservedTimeUnixNano = observedUnixNano,
            SeverityNumber = stream.SeverityNumber,
            SeverityText = stream.SeverityText,
            Body = AnyValue.OfString(line),
            Attributes = batch.RangeFrom(metadataStart),
            Resource = stream.Resource,
            Scope = stream.Scope,
        };
        foreach (var metadata in batch.AttributesOf(record.Attributes))
        {
            var key = batch.Strings[metadata.Key];
            if (key.SequenceEqual("trace_id"u8)) record.TraceId = TraceIdOf(batch.Strings[metadata.Value.Text]);
            else if (key.SequenceEqual("span_id"u8)) record.SpanId = SpanIdOf(batch.Strings[metadata.Value.Text]);
        }
        batch.Add(record);
    }

    /// <summary>A trace id from 32 hex digits; empty for anything else, which stays a plain attribute.</summary>
    private static TraceId TraceIdOf(ReadOnlySpan<byte> hex)
    {
        Span<byte> bytes = stackalloc byte[TraceId.Length];
        return TryHex(hex, bytes) ? TraceId.Read(bytes) : TraceId.Empty;
    }

    /// <summary>A span id from 16 hex digits; empty for anything else, which stays a plain attribute.</summary>
    private static SpanId SpanIdOf(ReadOnlySpan<byte> hex)
    {
        Span<byte> bytes = stackalloc byte[SpanId.Length];
        return TryHex(hex, bytes) ? SpanId.Read(bytes) : SpanId.Empty;
    }

    private static bool TryHex(ReadOnlySpan<byte> hex, Span<byte> bytes) =>
        hex.Length == bytes.Length * 2
        && Convert.FromHexString(hex, bytes, out _, out var written) == System.Buffers.OperationStatus.Done
        && written == bytes.Length;
}
