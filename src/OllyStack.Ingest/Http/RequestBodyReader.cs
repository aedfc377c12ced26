using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using Snappier;

namespace OllyStack.Ingest.Http;

/// <summary>
/// Reads a request body into a pooled buffer, enforcing the size limit on the DECODED size: a gzip body is
/// cut off while it is being inflated, so a decompression bomb costs at most the limit in memory.
/// </summary>
public static class RequestBodyReader
{
    private const int ReadChunk = 64 * 1024;

    public static async Task<PooledBody> ReadAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        var encoding = request.Headers.ContentEncoding.ToString().Trim().ToLowerInvariant();
        if (request.ContentLength > limit)
            throw TooLarge(limit, $"Content-Length {request.ContentLength}");
        return encoding switch
        {
            "" or "identity" => await CopyAsync(request.Body, limit, (int)Math.Min(request.ContentLength ?? ReadChunk, limit), cancellationToken),
            "gzip" or "x-gzip" => await InflateAsync(request.Body, limit, cancellationToken),
            _ => throw new IngestHttpException(415, $"Content-Encoding '{encoding}' is not supported; send gzip or no encoding"),
        };
    }

    /// <summary>Reads a snappy block-compressed body (remote write) and returns it decompressed.</summary>
    public static async Task<PooledBody> ReadSnappyAsync(HttpRequest request, long limit, CancellationToken cancellationToken)
    {
        using var compressed = await CopyAsync(request.Body, limit, (int)Math.Min(request.ContentLength ?? ReadChunk, limit), cancellationToken);
        int length;
        try
        {
            length = Snappy.GetUncompressedLength(compressed.Span);
        }
        catch (InvalidDataException e)
        {
            throw new IngestHttpException(400, $"body is not snappy block-compressed: {e.Message}");
        }
        if (length < 0) throw new IngestHttpException(400, "body is not valid snappy: the length preamble is out of range");
        if (length > limit) throw TooLarge(limit, $"snappy body decompresses to {length} bytes");
        var body = new PooledBody(length);
        try
        {
            var written = Snappy.Decompress(compressed.Span, body.GetWritable(length, limit).Span);
            body.Advance(written);
            return body;
        }
        catch (InvalidDataException e)
        {
            body.Dispose();
            throw new IngestHttpException(400, $"body is not valid snappy: {e.Message}");
        }
    }

    private static async Task<PooledBody> InflateAsync(Stream body, long limit, CancellationToken cancellationToken)
    {
        await using var gzip = new GZipStream(body, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            return await CopyAsync(gzip, limit, ReadChunk, cancellationToken);
        }
        catch (InvalidDataException e)
        {
            throw new IngestHttpException(400, $"body is not valid gzip: {e.Message}");
        }
    }

    private static async Task<PooledBody> CopyAsync(Stream source, long limit, int initialCapacity, CancellationToken cancellationToken)
    {
        var body = new PooledBody(Math.Max(initialCapacity, 1024));
        try
        {
            while (true)
            {
                var read = await source.ReadAsync(body.GetWritable(ReadChunk, limit), cancellationToken);
                if (read == 0) return body;
                body.Advance(read);
                if (body.Length > limit) throw TooLarge(limit, "the body");
            }
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static IngestHttpException TooLarge(long limit, string what) =>
        new(413, $"{what} exceeds the request limit of {limit} bytes (after decompression); split the batch into smaller requests");
}
