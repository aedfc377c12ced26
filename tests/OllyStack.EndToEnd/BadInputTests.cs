using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Trace;

namespace OllyStack.EndToEnd;

/// <summary>
/// Every kind of bad request gets its documented answer, stores nothing, and leaves the server serving and
/// everything acknowledged before intact.
/// </summary>
public sealed class BadInputTests : IAsyncLifetime
{
    private const int LimitBytes = 1024 * 1024;
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("--max-request-bytes", LimitBytes.ToString());

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task BadRequestsAreRefusedWithTheirStatusAndNothingAcknowledgedIsAffected()
    {
        using var push = _server.PushClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(push, "/v1/traces", Valid("before"), "application/x-protobuf")).StatusCode);

        await ExpectAsync(push, "/v1/traces", [0x0a, 0xff, 0xff, 0x01], "application/x-protobuf", HttpStatusCode.BadRequest, "malformed protobuf");
        await ExpectAsync(push, "/v1/traces", "{\"resourceSpans\": [ {"u8.ToArray(), "application/json", HttpStatusCode.BadRequest, "JSON");
        await ExpectAsync(push, "/v1/logs", "{\"resourceLogs\": 5}"u8.ToArray(), "application/json", HttpStatusCode.BadRequest, "resourceLogs");
        await ExpectAsync(push, "/v1/traces", Valid("x"), "text/plain", HttpStatusCode.UnsupportedMediaType, "Content-Type");
        await ExpectAsync(push, "/v1/traces", new byte[LimitBytes + 1], "application/x-protobuf", HttpStatusCode.RequestEntityTooLarge, "limit");
        await ExpectAsync(push, "/v1/traces", GzipBomb(64 * LimitBytes), "application/x-protobuf", HttpStatusCode.RequestEntityTooLarge, "limit", gzip: true);
        await ExpectAsync(push, "/v1/traces", [1, 2, 3], "application/x-protobuf", HttpStatusCode.BadRequest, "gzip", gzip: true);
        using (var anonymous = _server.PushClient(""))
            await ExpectAsync(anonymous, "/v1/traces", Valid("x"), "application/x-protobuf", HttpStatusCode.Unauthorized, "missing API key");
        using (var stranger = _server.PushClient("olly_notakey"))
            await ExpectAsync(stranger, "/v1/metrics", Valid("x"), "application/x-protobuf", HttpStatusCode.Unauthorized, "unknown");
        await ExpectAsync(push, "/api/v1/write", [0xff, 0xff, 0xff, 0xff, 0x0f], "application/x-protobuf", HttpStatusCode.BadRequest, "snappy", snappy: true);

        Assert.Equal(HttpStatusCode.OK, (await PostAsync(push, "/v1/traces", Valid("after"), "application/x-protobuf")).StatusCode);
        Assert.Equal(["after", "before"], WalContents.Spans(_server.DataDir).Select(s => s.Name).Order());
    }

    [Fact]
    public async Task GrpcAnswersInvalidArgumentForUndecodableMessagesAndUnauthenticatedWithoutKey()
    {
        using var channel = GrpcChannel.ForAddress(_server.GrpcEndpoint);
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "opentelemetry.proto.collector.trace.v1.TraceService", "Export",
            Marshallers.Create(b => b, b => b), Marshallers.Create(b => b, b => b));
        var invoker = channel.CreateCallInvoker();
        var withKey = new Metadata { { "authorization", "Bearer " + _server.AdminKey } };

        var malformed = await Assert.ThrowsAsync<RpcException>(() => invoker.AsyncUnaryCall(raw, null, new CallOptions(withKey), [0x0a, 0xff, 0xff, 0x01]).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Contains("malformed protobuf", malformed.Status.Detail);

        var client = new TraceService.TraceServiceClient(channel);
        var anonymous = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(Request("x")).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, anonymous.StatusCode);
        var wrongKey = await Assert.ThrowsAsync<RpcException>(() => client.ExportAsync(Request("x"), new Metadata { { "x-ollystack-key", "olly_wrong" } }).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, wrongKey.StatusCode);

        var response = await client.ExportAsync(Request("grpc-ok"), withKey);
        Assert.Null(response.PartialSuccess);
        Assert.Contains(WalContents.Spans(_server.DataDir), s => s.Name == "grpc-ok");
        Assert.DoesNotContain(WalContents.Spans(_server.DataDir), s => s.Name == "x");
    }

    [Fact]
    public async Task AGrpcGzipBombIsCutOffWhileDecompressing()
    {
        const int decompressedMegabytes = 1024;
        var compressed = GzipBomb(decompressedMegabytes * 1024 * 1024);
        var frame = new byte[5 + compressed.Length];
        frame[0] = 1;
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)compressed.Length);
        compressed.CopyTo(frame, 5);
        var before = _server.PeakResidentBytes();

        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_server.GrpcEndpoint, "/opentelemetry.proto.collector.trace.v1.TraceService/Export"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(frame),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        request.Headers.Add("grpc-encoding", "gzip");
        request.Headers.TryAddWithoutValidation("te", "trailers");
        request.Headers.Add("x-ollystack-key", _server.AdminKey);
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();

        var status = response.Headers.TryGetValues("grpc-status", out var values) ? values.Single()
            : response.TrailingHeaders.GetValues("grpc-status").Single();
        Assert.Equal(((int)StatusCode.ResourceExhausted).ToString(), status);
        Assert.True(_server.PeakResidentBytes() - before < 256L * 1024 * 1024,
            $"a {decompressedMegabytes} MiB gzip bomb raised peak memory by {(_server.PeakResidentBytes() - before) / 1048576} MiB");
        using var push = _server.PushClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(push, "/v1/traces", Valid("still-serving"), "application/x-protobuf")).StatusCode);
    }

    [Fact]
    public async Task InvalidSpansAreRejectedAsPartialSuccessWhileTheRestIsKept()
    {
        var request = Request("kept");
        var bad = request.ResourceSpans[0].ScopeSpans[0].Spans[0].Clone();
        bad.Name = "bad-id";
        bad.SpanId = ByteString.CopyFrom(1, 2, 3);
        request.ResourceSpans[0].ScopeSpans[0].Spans.Add(bad);
        using var push = _server.PushClient();
        var response = await PostAsync(push, "/v1/traces", request.ToByteArray(), "application/x-protobuf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var parsed = ExportTraceServiceResponse.Parser.ParseFrom(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(1, parsed.PartialSuccess.RejectedSpans);
        Assert.Contains("span_id has 3 bytes", parsed.PartialSuccess.ErrorMessage);
        Assert.Contains(WalContents.Spans(_server.DataDir), s => s.Name == "kept");
        Assert.DoesNotContain(WalContents.Spans(_server.DataDir), s => s.Name == "bad-id");
    }

    private static async Task ExpectAsync(HttpClient client, string path, byte[] body, string contentType, HttpStatusCode expected, string messagePart,
        bool gzip = false, bool snappy = false)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        if (snappy) content.Headers.ContentEncoding.Add("snappy");
        var response = await client.PostAsync(path, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"{path} ({contentType}): expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Contains(messagePart, text, StringComparison.OrdinalIgnoreCase);
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, byte[] body, string contentType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return client.PostAsync(path, content);
    }

    private static byte[] GzipBomb(int decompressedBytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            var zeros = new byte[1024 * 1024];
            for (var written = 0; written < decompressedBytes; written += zeros.Length) gzip.Write(zeros);
        }
        return output.ToArray();
    }

    private static byte[] Valid(string spanName) => Request(spanName).ToByteArray();

    private static ExportTraceServiceRequest Request(string spanName)
    {
        var span = new OllyStack.Ingest.Otlp.Trace.Span
        {
            TraceId = ByteString.CopyFrom(Convert.FromHexString("0af7651916cd43dd8448eb211c80319c")),
            SpanId = ByteString.CopyFrom(Convert.FromHexString("b7ad6b7169203331")),
            Name = spanName,
            StartTimeUnixNano = 1_700_000_000_000_000_000,
            EndTimeUnixNano = 1_700_000_000_100_000_000,
        };
        var request = new ExportTraceServiceRequest();
        request.ResourceSpans.Add(new OllyStack.Ingest.Otlp.Trace.ResourceSpans { ScopeSpans = { new OllyStack.Ingest.Otlp.Trace.ScopeSpans { Spans = { span } } } });
        return request;
    }
}
