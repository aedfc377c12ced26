using Google.Protobuf;
using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Http;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Collector.Logs;

namespace OllyStack.Ingest.Tests;

/// <summary>
/// What OTLP/HTTP answers for each pipeline outcome: the retryable 429 and 503 carry Retry-After (clients back off
/// and resend), everything else is final; error bodies are google.rpc.Status in the request's encoding.
/// </summary>
public sealed class OtlpHttpReceiverTests
{
    [Theory]
    [InlineData(IngestStatus.Throttled, 429, 8)]
    [InlineData(IngestStatus.Unavailable, 503, 14)]
    public async Task RetryableOutcomesAnswerWithRetryAfterAndAStatusBody(IngestStatus status, int httpStatus, int grpcCode)
    {
        var pipeline = new ScriptedPipeline(new IngestResult(status, 0, "log is busy", TimeSpan.FromMilliseconds(1500)));
        var context = Request(ProtobufTestRequests.Logs(2).ToByteArray(), "application/x-protobuf");

        await Receiver(pipeline).HandleAsync(context, Signal.Logs);

        Assert.Equal(httpStatus, context.Response.StatusCode);
        Assert.Equal("2", context.Response.Headers.RetryAfter.ToString());
        var body = Rpc.Status.Parser.ParseFrom(ResponseBytes(context));
        Assert.Equal(grpcCode, body.Code);
        Assert.Equal("log is busy", body.Message);
    }

    [Fact]
    public async Task AcceptedRequestAnswers200WithAnEmptyResponseInTheRequestEncoding()
    {
        var pipeline = new ScriptedPipeline(IngestResult.Accept(2));
        var context = Request(System.Text.Encoding.UTF8.GetBytes(JsonFormatter.Default.Format(new ExportLogsServiceRequest())), "application/json; charset=utf-8");

        await Receiver(pipeline).HandleAsync(context, Signal.Logs);

        Assert.Equal(200, context.Response.StatusCode);
        Assert.Equal("application/json", context.Response.ContentType);
        Assert.Equal("{ }", System.Text.Encoding.UTF8.GetString(ResponseBytes(context)));
    }

    [Fact]
    public async Task AForbiddenKeyAnswers403AndNothingIsAcceptedAndTheRefusalIsAudited()
    {
        var refusal = AdmissionResult.Deny(AdmissionFailure.Forbidden, "no ingest scope");
        var pipeline = new ScriptedPipeline(IngestResult.Accept(2)) { Admission = refusal };
        var context = Request(ProtobufTestRequests.Logs(2).ToByteArray(), "application/x-protobuf");
        context.Request.Path = "/v1/logs";
        context.Connection.RemoteIpAddress = System.Net.IPAddress.Parse("2001:db8::5");

        await Receiver(pipeline).HandleAsync(context, Signal.Logs);

        Assert.Equal(403, context.Response.StatusCode);
        Assert.Equal(0, pipeline.Accepted);
        Assert.Equal([(refusal, "2001:db8::5", "POST /v1/logs")], pipeline.Refusals);
    }

    [Fact]
    public async Task AnUndecodableBodyAnswers400AndNeverReachesThePipeline()
    {
        var pipeline = new ScriptedPipeline(IngestResult.Accept(0));
        var context = Request([0x0a, 0x05, 0x01], "application/x-protobuf");

        await Receiver(pipeline).HandleAsync(context, Signal.Logs);

        Assert.Equal(400, context.Response.StatusCode);
        Assert.Contains("malformed protobuf", Rpc.Status.Parser.ParseFrom(ResponseBytes(context)).Message);
        Assert.Equal(0, pipeline.Accepted);
    }

    private static OtlpHttpReceiver Receiver(IIngestPipeline pipeline) => new(new OtlpIngestHandler(pipeline), new IngestOptions());

    private static DefaultHttpContext Request(byte[] body, string contentType)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = "POST";
        context.Request.ContentType = contentType;
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body);
        context.Request.Headers.Authorization = "Bearer olly_test";
        context.Response.Body = new MemoryStream();
        return context;
    }

    private static byte[] ResponseBytes(HttpContext context) => ((MemoryStream)context.Response.Body).ToArray();

    /// <summary>A pipeline that admits every key and answers a fixed outcome.</summary>
    private sealed class ScriptedPipeline(IngestResult outcome) : IIngestPipeline
    {
        public AdmissionResult Admission { get; init; } = AdmissionResult.Allow(new Principal("acme", "key:key_test", Permissions.IngestWrite));

        public int Accepted { get; private set; }

        public List<(AdmissionResult Refusal, string? Source, string Target)> Refusals { get; } = [];

        public AdmissionResult Admit(ReadOnlySpan<char> apiKey, Signal signal) => Admission;

        public ValueTask AuditRefusalAsync(AdmissionResult refusal, string? source, string target)
        {
            Refusals.Add((refusal, source, target));
            return ValueTask.CompletedTask;
        }

        public ValueTask<IngestResult> AcceptAsync(Principal principal, TelemetryBatch batch, CancellationToken cancellationToken)
        {
            Accepted++;
            return ValueTask.FromResult(outcome);
        }
    }
}
