namespace OllyStack.Ingest.Otlp;

/// <summary>The two OTLP payload encodings.</summary>
public enum OtlpEncoding
{
    Protobuf,
    Json,
}
