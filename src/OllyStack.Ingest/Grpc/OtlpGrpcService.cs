using Google.Protobuf;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using OllyStack.Core.Admission;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Http;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Grpc;

/// <summary>
/// OTLP/gRPC: the Export methods of MetricsService, LogsService and TraceService. Requests arrive as raw bytes
/// (see <see cref="OtlpGrpcMethodProvider"/>) so the zero-copy decoders run on them and a body that does not
/// decode is answered INVALID_ARGUMENT with the reason, where a stock handler would answer UNKNOWN.
/// </summary>
public sealed class OtlpGrpcService(OtlpIngestHandler handler)
{
    private const string KeyMetadata = "x-ollystack-key";

    public async Task<IMessage> ExportAsync(Signal signal, PooledBody request, ServerCallContext context)
    {
        var started = IngestMetrics.Begin();
        var code = 500;
        var bytes = request.Length;
        try
        {
            using (request)
            {
                var headers = context.RequestHeaders;
                var admission = handler.Pipeline.Admit(Credentials.FromHeaders(headers.GetValue("authorization"), headers.GetValue(KeyMetadata)), signal);
                if (admission.Principal is null)
                {
                    code = admission.HttpStatus;
                    await handler.Pipeline.AuditRefusalAsync(admission, context.GetHttpContext());
                    throw new RpcException(new Status(code == 403 ? StatusCode.PermissionDenied : StatusCode.Unauthenticated, admission.Message!));
                }
                var outcome = await ExportAdmittedAsync(signal, request, admission.Principal, context);
                code = 200;
                return OtlpResponses.Export(signal, outcome.Rejected, outcome.RejectionMessage);
            }
        }
        catch (RpcException e) when (code == 500)
        {
            code = e.StatusCode switch { StatusCode.InvalidArgument => 400, StatusCode.ResourceExhausted => 429, StatusCode.Unavailable => 503, _ => 500 };
            throw;
        }
        finally
        {
            IngestMetrics.End(started, signal, "otlp_grpc", code, bytes);
        }
    }

    private async Task<OtlpOutcome> ExportAdmittedAsync(Signal signal, PooledBody request, Principal principal, ServerCallContext context)
    {
        OtlpOutcome outcome;
        try
        {
            outcome = await handler.ExportAsync(principal, signal, OtlpEncoding.Protobuf, request.Memory, context.CancellationToken);
        }
        catch (MalformedPayloadException e)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, e.Message));
        }
        return outcome.Result.Status switch
        {
            IngestStatus.Accepted => outcome,
            IngestStatus.Throttled => throw Retryable(StatusCode.ResourceExhausted, outcome.Result),
            _ => throw Retryable(StatusCode.Unavailable, outcome.Result),
        };
    }

    // OTLP clients retry RESOURCE_EXHAUSTED only when RetryInfo says when; it travels in grpc-status-details-bin.
    private static RpcException Retryable(StatusCode code, IngestResult result)
    {
        var details = new Rpc.Status { Code = (int)code, Message = result.Message ?? "" };
        details.Details.Add(Any.Pack(new Rpc.RetryInfo { RetryDelay = Duration.FromTimeSpan(result.RetryAfter) }));
        var trailers = new Metadata { { "grpc-status-details-bin", details.ToByteArray() } };
        return new RpcException(new Status(code, result.Message ?? ""), trailers);
    }
}
