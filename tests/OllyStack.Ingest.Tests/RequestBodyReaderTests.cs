using System.IO.Compression;
using Microsoft.AspNetCore.Http;
using OllyStack.Ingest.Http;
using Snappier;

namespace OllyStack.Ingest.Tests;

public sealed class RequestBodyReaderTests
{
    private const long Limit = 1024 * 1024;

    private static HttpRequest Request(byte[] body, string? contentEncoding = null, long? contentLength = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body);
        context.Request.ContentLength = contentLength;
        if (contentEncoding is not null) context.Request.Headers.ContentEncoding = contentEncoding;
        return context.Request;
    }

    private static byte[] Payload(int length)
    {
        var bytes = new byte[length];
        new Random(length).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(null, false)]
    [InlineData("identity", true)]
    [InlineData("", false)]
    public async Task PlainBodyIsReadAsItIs(string? encoding, bool sendLength)
    {
        var payload = Payload(300_000);

        using var body = await RequestBodyReader.ReadAsync(Request(payload, encoding, sendLength ? payload.Length : null), Limit, CancellationToken.None);

        Assert.Equal(payload, body.Span.ToArray());
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("x-gzip")]
    [InlineData(" GZIP ")]
    public async Task GzipBodyIsInflated(string encoding)
    {
        var payload = Payload(200_000);
        var compressed = Gzip(payload);

        using var body = await RequestBodyReader.ReadAsync(Request(compressed, encoding, compressed.Length), Limit, CancellationToken.None);

        Assert.Equal(payload, body.Span.ToArray());
    }

    [Fact]
    public async Task EmptyBodyIsEmpty()
    {
        using var body = await RequestBodyReader.ReadAsync(Request([], contentLength: 0), Limit, CancellationToken.None);

        Assert.Equal(0, body.Length);
    }

    [Fact]
    public async Task BodyOfExactlyTheLimitIsAccepted()
    {
        var payload = Payload((int)Limit);

        using var body = await RequestBodyReader.ReadAsync(Request(payload), Limit, CancellationToken.None);

        Assert.Equal(Limit, body.Length);
    }

    [Fact]
    public async Task GzipBombIsStoppedAtTheLimitWithoutInflatingItAll()
    {
        var bomb = Gzip(new byte[64 * 1024 * 1024]);
        var request = Request(bomb, "gzip", bomb.Length);

        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(request, Limit, CancellationToken.None));

        Assert.Equal(413, error.StatusCode);
        Assert.Contains($"limit of {Limit} bytes", error.Message);
        // 1 MiB of zeros takes about 1 KiB of deflate; the 64 MiB bomb is about 64 KiB. Stopping at the limit
        // leaves most of the compressed body unread.
        Assert.True(request.Body.Position < bomb.Length / 2, $"read {request.Body.Position} of {bomb.Length} compressed bytes");
    }

    [Fact]
    public async Task ContentLengthOverTheLimitIsRefusedBeforeReading()
    {
        var request = Request(Payload(16), contentLength: Limit + 1);

        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(request, Limit, CancellationToken.None));

        Assert.Equal(413, error.StatusCode);
        Assert.Contains($"Content-Length {Limit + 1}", error.Message);
        Assert.Equal(0, request.Body.Position);
    }

    [Fact]
    public async Task PlainBodyOverTheLimitWithoutContentLengthIsRefused()
    {
        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(Request(Payload((int)Limit + 1)), Limit, CancellationToken.None));

        Assert.Equal(413, error.StatusCode);
    }

    [Theory]
    [InlineData("br")]
    [InlineData("deflate")]
    [InlineData("snappy")]
    [InlineData("gzip, br")]
    public async Task UnknownContentEncodingIsUnsupportedMediaType(string encoding)
    {
        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(Request(Payload(10), encoding), Limit, CancellationToken.None));

        Assert.Equal(415, error.StatusCode);
        Assert.Contains(encoding.Trim(), error.Message);
    }

    [Fact]
    public async Task InvalidGzipIsABadRequest()
    {
        var notGzip = "this is not gzip at all, just text"u8.ToArray();

        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(Request(notGzip, "gzip"), Limit, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("gzip", error.Message);
    }

    [Fact]
    public async Task GzipWithACorruptStreamIsABadRequest()
    {
        var compressed = Gzip(Payload(50_000));
        for (var i = 20; i < compressed.Length - 8; i += 7) compressed[i] ^= 0x5a;

        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadAsync(Request(compressed, "gzip"), Limit, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
    }

    [Fact]
    public async Task CancellationStopsTheRead()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => RequestBodyReader.ReadAsync(Request(Payload(100)), Limit, cancelled.Token));
    }

    [Fact]
    public async Task SnappyBodyIsDecompressed()
    {
        var payload = Payload(100_000);
        payload.AsSpan(0, 50_000).Clear();
        var compressed = Snappy.CompressToArray(payload);

        using var body = await RequestBodyReader.ReadSnappyAsync(Request(compressed, "snappy", compressed.Length), Limit, CancellationToken.None);

        Assert.Equal(payload, body.Span.ToArray());
    }

    [Theory]
    [InlineData(new byte[] { 0xff, 0xff, 0xff, 0xff, 0xff, 0xff })]
    [InlineData(new byte[] { 0x80 })]
    [InlineData(new byte[] { 0x64, 0x10, 0x61, 0x62, 0x63, 0x64, 0x65 })]
    public async Task CorruptSnappyIsABadRequest(byte[] body)
    {
        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadSnappyAsync(Request(body, "snappy"), Limit, CancellationToken.None));

        Assert.Equal(400, error.StatusCode);
        Assert.Contains("snappy", error.Message);
    }

    [Fact]
    public async Task SnappyBodyThatDecompressesPastTheLimitIsTooLarge()
    {
        var compressed = Snappy.CompressToArray(new byte[Limit + 1]);

        var error = await Assert.ThrowsAsync<IngestHttpException>(() => RequestBodyReader.ReadSnappyAsync(Request(compressed, "snappy"), Limit, CancellationToken.None));

        Assert.Equal(413, error.StatusCode);
        Assert.Contains($"decompresses to {Limit + 1} bytes", error.Message);
    }
}
