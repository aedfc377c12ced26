namespace OllyStack.Ingest.Http;

/// <summary>A request refused before decoding (size, encoding, media type), with the HTTP status to answer.</summary>
public sealed class IngestHttpException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
