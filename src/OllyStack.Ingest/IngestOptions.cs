namespace OllyStack.Ingest;

/// <summary>Limits the receivers enforce.</summary>
public sealed class IngestOptions
{
    public const long DefaultMaxRequestBytes = 16 * 1024 * 1024;

    /// <summary>The largest body accepted, measured after decompression (413 beyond).</summary>
    public long MaxRequestBytes { get; init; } = DefaultMaxRequestBytes;
}
