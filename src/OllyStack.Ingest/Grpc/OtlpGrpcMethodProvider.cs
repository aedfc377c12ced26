using System.Buffers;
using Google.Protobuf;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Http;

namespace OllyStack.Ingest.Grpc;

/// <summary>
/// Binds the three OTLP Export methods with a marshaller that hands over the raw request bytes in a pooled
/// buffer instead of a parsed object graph; the response is the generated Export*ServiceResponse message.
/// </summary>
public sealed class OtlpGrpcMethodProvider : IServiceMethodProvider<OtlpGrpcService>
{
    private static readonly Marshaller<PooledBody> RequestMarshaller = Marshallers.Create<PooledBody>(
        (_, _) => throw new NotSupportedException("the server only receives OTLP requests"),
        ReadRequest);

    private static readonly Marshaller<IMessage> ResponseMarshaller = Marshallers.Create<IMessage>(
        WriteResponse,
        _ => throw new NotSupportedException("the server only sends OTLP responses"));

    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<OtlpGrpcService> context)
    {
        Add(context, "opentelemetry.proto.collector.metrics.v1.MetricsService", Signal.Metrics);
        Add(context, "opentelemetry.proto.collector.logs.v1.LogsService", Signal.Logs);
        Add(context, "opentelemetry.proto.collector.trace.v1.TraceService", Signal.Traces);
    }

    private static void Add(ServiceMethodProviderContext<OtlpGrpcService> context, string service, Signal signal)
    {
        var method = new Method<PooledBody, IMessage>(MethodType.Unary, service, "Export", RequestMarshaller, ResponseMarshaller);
        context.AddUnaryMethod(method, [], (instance, request, call) => instance.ExportAsync(signal, request, call));
    }

    private static PooledBody ReadRequest(DeserializationContext context)
    {
        var payload = context.PayloadAsReadOnlySequence();
        var length = checked((int)payload.Length);
        var body = new PooledBody(length);
        payload.CopyTo(body.GetWritable(length, length).Span);
        body.Advance(length);
        return body;
    }

    private static void WriteResponse(IMessage message, SerializationContext context)
    {
        var size = message.CalculateSize();
        context.SetPayloadLength(size);
        var writer = context.GetBufferWriter();
        message.WriteTo(writer);
        context.Complete();
    }
}
