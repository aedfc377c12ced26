using System.IO.Compression;
using System.Text;
using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Http;
using static OllyStack.Ingest.Tests.LokiProtobuf;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// What POST /loki/api/v1/push answers: 204 once the pipeline made the batch durable, plain-text 4xx naming the problem
/// with nothing handed to the pipeline, 429/503 with Retry-After; the tenant is always the key's.
/// </summary>
public sealed class LokiPushReceiverTests
{
    private static readonly byte[] OnePush = Push(Stream("{job=\"api\", level=\"info\"}", Entry(1_700_000_000_000_000_000, "hello", ("trace_id", "0af7651916cd43dd8448eb211c80319c"))));

    private const string OneJsonPush = """{"streams": [{"stream": {"job": "api", "level": "info"}, "values": [["1700000000000000000", "hello", {"trace_id": "0af7651916cd43dd8448eb211c80319c"}]]}]}""";

    [Theory]
    [InlineData("application/x-protobuf", null)]
    [InlineData("application/x-protobuf", "snappy")]
    [InlineData("application/x-protobuf; charset=utf-8", "Snappy")]
    [InlineData(null, null)]
    public async Task ASnappyProtobufPushIsHandedToThePipelineAndAnswered204(string? contentType, string? contentEncoding)
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Snappy(OnePush), contentType, contentEncoding);

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal(["hello"], pipeline.Bodies);
        Assert.Equal(["0af7651916cd43dd8448eb211c80319c"], pipeline.TraceIds);
    }

    [Fact]
    public async Task AGzippedJsonPushIsHandedToThePipelineAndAnswered204()
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Gzip(Encoding.UTF8.GetBytes(OneJsonPush)), "application/json; charset=utf-8", "gzip");

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal(["hello"], pipeline.Bodies);
    }

    [Fact]
    public async Task TheTenantIsTheKeysNotTheOneInXScopeOrgID()
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Encoding.UTF8.GetBytes(OneJsonPush), "application/json");
        context.Request.Headers["X-Scope-OrgID"] = "intruder";

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(204, context.Response.StatusCode);
        Assert.Equal(["acme"], pipeline.Tenants);
    }

    [Theory]
    [InlineData("application/json", """{"streams": [{"stream": {"job": "a"}, "values": [[1, "x"]]}]}""", "invalid Loki push JSON at streams[0].values[0][0]")]
    [InlineData("application/json", """{"streams": [""", "malformed JSON at byte 13")]
    [InlineData("application/x-protobuf", "not snappy at all", "body is not")]
    public async Task AMalformedBodyIsAnswered400NamingTheProblemAndNothingIsAccepted(string contentType, string body, string problem)
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Encoding.UTF8.GetBytes(body), contentType);

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Contains(problem, ResponseText(context));
        Assert.Equal(0, pipeline.Calls);
    }

    [Fact]
    public async Task InvalidLabelsInASnappyPushAreAnswered400()
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Snappy(Push(Stream("{job=\"ok\"}", Entry(1, "x")), Stream("{job=api}", Entry(1, "y")))), "application/x-protobuf");

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Equal("invalid Loki push: stream 1 has labels '{job=api}': the value of label 'job' must be a double-quoted string at byte 5\n", ResponseText(context));
        Assert.Equal(0, pipeline.Calls);
    }

    [Fact]
    public async Task ABodyOverTheLimitIsAnswered413()
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(new byte[4096], "application/json");

        await Receiver(pipeline, limit: 1024).HandleAsync(context);

        Assert.Equal(413, context.Response.StatusCode);
        Assert.Equal(0, pipeline.Calls);
    }

    [Theory]
    [InlineData("application/x-protobuf")]
    [InlineData("application/json")]
    public async Task ABodyThatDecompressesPastTheLimitIsAnswered413(string contentType)
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var zeros = new byte[1024 * 1024];
        var body = contentType == "application/json" ? Gzip(zeros) : Snappy(zeros);
        var context = Request(body, contentType, contentType == "application/json" ? "gzip" : null);

        await Receiver(pipeline, limit: 64 * 1024).HandleAsync(context);

        Assert.Equal(413, context.Response.StatusCode);
        Assert.Contains("exceeds the request limit", ResponseText(context));
        Assert.Equal(0, pipeline.Calls);
    }

    [Theory]
    [InlineData("text/plain", null, "Content-Type 'text/plain'")]
    [InlineData("application/x-protobuf", "gzip", "Content-Encoding 'gzip'")]
    [InlineData("application/json", "br", "Content-Encoding 'br'")]
    public async Task AnUnsupportedEncodingIsAnswered415(string contentType, string? contentEncoding, string problem)
    {
        var pipeline = new RecordingPipeline(IngestResult.Accept(1));
        var context = Request(Snappy(OnePush), contentType, contentEncoding);

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(415, context.Response.StatusCode);
        Assert.Contains(problem, ResponseText(context));
        Assert.Equal(0, pipeline.Calls);
    }

    [Theory]
    [InlineData(AdmissionFailure.Unauthenticated, 401)]
    [InlineData(AdmissionFailure.Forbidden, 403)]
    public async Task ARefusedKeyIsAnsweredWithoutReadingTheBodyAndAudited(AdmissionFailure failure, int status)
    {
        var refusal = AdmissionResult.Deny(failure, "unknown or revoked API key");
        var pipeline = new RecordingPipeline(IngestResult.Accept(1)) { Admission = refusal };
        var context = Request(Snappy(OnePush), "application/x-protobuf");
        context.Request.Path = "/loki/api/v1/push";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("192.0.2.7");

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(status, context.Response.StatusCode);
        Assert.Equal("unknown or revoked API key\n", ResponseText(context));
        Assert.Equal(0, pipeline.Calls);
        Assert.Equal([(refusal, "192.0.2.7", "POST /loki/api/v1/push")], pipeline.Refusals);
    }

    [Theory]
    [InlineData(IngestStatus.Throttled, 429)]
    [InlineData(IngestStatus.Unavailable, 503)]
    public async Task RetryableOutcomesAreAnsweredWithRetryAfter(IngestStatus status, int httpStatus)
    {
        var pipeline = new RecordingPipeline(new IngestResult(status, 0, "over quota", TimeSpan.FromMilliseconds(2500)));
        var context = Request(Snappy(OnePush), "application/x-protobuf");

        await Receiver(pipeline).HandleAsync(context);

        Assert.Equal(httpStatus, context.Response.StatusCode);
        Assert.Equal("3", context.Response.Headers.RetryAfter.ToString());
        Assert.Equal("over quota\n", ResponseText(context));
    }

    private static LokiPushReceiver Receiver(IIngestPipeline pipeline, long limit = IngestOptions.DefaultMaxRequestBytes) =>
        new(pipeline, new IngestOptions { MaxRequestBytes = limit });

    private static DefaultHttpContext Request(byte[] body, string? contentType, string? contentEncoding = null)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        if (contentEncoding is not null) context.Request.Headers.ContentEncoding = contentEncoding;
        context.Request.Body = new MemoryStream(body);
        context.Request.Headers.Authorization = "Bearer olly_test";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static byte[] Gzip(byte[] data)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(data);
        return output.ToArray();
    }

    private static string ResponseText(HttpContext context) => Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());

    /// <summary>A pipeline that admits every key for tenant "acme" and notes what it was asked to accept.</summary>
    private sealed class RecordingPipeline(IngestResult outcome) : IIngestPipeline
    {
        public AdmissionResult Admission { get; init; } = AdmissionResult.Allow(new Principal("acme", "key:key_test", Permissions.IngestWrite));

        public int Calls { get; private set; }

        public List<string> Tenants { get; } = [];

        public List<string> Bodies { get; } = [];

        public List<string> TraceIds { get; } = [];

        public List<(AdmissionResult Refusal, string? Source, string Target)> Refusals { get; } = [];

        public AdmissionResult Admit(ReadOnlySpan<char> apiKey, Signal signal) => Admission;

        public ValueTask AuditRefusalAsync(AdmissionResult refusal, string? source, string target)
        {
            Refusals.Add((refusal, source, target));
            return ValueTask.CompletedTask;
        }

        public ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken)
        {
            Calls++;
            Tenants.Add(principal.Tenant);
            var logs = (LogBatch)batch;
            for (var i = 0; i < logs.RecordCount; i++)
            {
                Bodies.Add(logs.GetString(logs.Body[i].Text));
                TraceIds.Add(logs.TraceIds[i].ToString());
            }
            return ValueTask.FromResult(outcome);
        }
    }
}
