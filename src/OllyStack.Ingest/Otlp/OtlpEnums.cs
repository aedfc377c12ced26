namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Range checks of the OTLP enum fields, shared by the protobuf and JSON decoders so both refuse the same records
/// with the same words. An out-of-range value rejects its record (partial success), it does not fail the request.
/// </summary>
internal static class OtlpEnums
{
    public static byte SeverityNumber(ulong value, ref string? problem)
    {
        if (value <= 24) return (byte)value;
        problem ??= $"severity_number {value} is outside 0-24";
        return 0;
    }

    public static byte SpanKind(ulong value, ref string? problem)
    {
        if (value <= 5) return (byte)value;
        problem ??= $"kind {value} is outside 0-5";
        return 0;
    }

    public static byte StatusCode(ulong value, ref string? problem)
    {
        if (value > 2) problem ??= $"status code {value} is not UNSET, OK or ERROR";
        return (byte)Math.Min(value, 2);
    }
}
