using OllyStack.Ingest.Otlp.Trace;
using static OllyStack.Ingest.Otlp.Trace.Span.Types;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// The calls between the shop's services as their instrumentations record them: a client span in the caller and a
/// server span in the callee with the protocol's attributes (Envoy's legacy tags at the proxy, HTTP and RPC semantic
/// conventions elsewhere), Redis and Kafka client spans, internal spans, and recorded exceptions.
/// </summary>
public sealed partial class DemoShopTraces
{
    /// <summary>The span a service is working in, which the calls it makes become children of.</summary>
    private readonly record struct Caller(DemoShopService Service, ServiceInstance Instance, Span Span);

    /// <summary>When a piece of work ended and, if it failed, the error it reports to its caller.</summary>
    private readonly record struct Outcome(long EndUnixNano, string? Error = null)
    {
        public bool Failed => Error is not null;
    }

    /// <summary>The user's request through the proxy (an ingress and an egress span) to a frontend route, whose work runs in its server span.</summary>
    private Outcome Ingress(long start, string method, string path, string route, Func<Caller, long, Outcome> work)
    {
        var proxy = _proxy.Pick(_random);
        var ingress = _trace.Start(proxy, _proxy.ServerScope, "ingress", SpanKind.Server, null, remoteParent: false, start);
        var egressStart = start + _trace.Duration(60);
        var egress = _trace.Start(proxy, _proxy.ClientScope, "router frontend egress", SpanKind.Client, ingress, remoteParent: false, egressStart);
        var frontend = _frontend.Pick(_random);
        var serverStart = egressStart + _trace.Duration(300);
        var server = _trace.Start(frontend, _frontend.ServerScope, $"{method} {route}", SpanKind.Server, egress, remoteParent: true, serverStart);
        var outcome = work(new Caller(_frontend, frontend, server), serverStart + _trace.Duration(500));
        var status = outcome.Failed ? 500 : 200;
        End(server, outcome.EndUnixNano + _trace.Duration(800));
        server.Attributes.Add([
            OtlpAttribute.Of("http.request.method", method), OtlpAttribute.Of("url.path", path), OtlpAttribute.Of("url.scheme", "http"),
            OtlpAttribute.Of("http.route", route), OtlpAttribute.Of("server.address", "frontend-proxy"), OtlpAttribute.Of("server.port", 8080L),
            OtlpAttribute.Of("network.protocol.version", "1.1"), OtlpAttribute.Of("user_agent.original", _user.Agent),
            OtlpAttribute.Of("client.address", _user.Address), OtlpAttribute.Of("http.response.status_code", (long)status),
            OtlpAttribute.Of("session.id", _user.Session),
        ]);
        // HTTP server spans are errors for 5xx only, without a message (semantic conventions).
        if (outcome.Failed) server.Status = new Status { Code = Status.Types.StatusCode.Error };
        End(egress, (long)server.EndTimeUnixNano + _trace.Duration(200));
        End(ingress, (long)egress.EndTimeUnixNano + _trace.Duration(60));
        var requestId = RandomText.Uuid(_random);
        var responseBytes = outcome.Failed ? 21 : 200 + _random.Next(40_000);
        foreach (var span in (ReadOnlySpan<Span>)[ingress, egress])
        {
            // Envoy's tags: every value a string, the status code too.
            span.Attributes.Add([
                OtlpAttribute.Of("node_id", ""), OtlpAttribute.Of("zone", ""), OtlpAttribute.Of("guid:x-request-id", requestId),
                OtlpAttribute.Of("http.url", $"http://frontend-proxy:8080{path}"), OtlpAttribute.Of("http.method", method),
                OtlpAttribute.Of("downstream_cluster", "-"), OtlpAttribute.Of("user_agent", _user.Agent), OtlpAttribute.Of("http.protocol", "HTTP/1.1"),
                OtlpAttribute.Of("peer.address", _user.Address), OtlpAttribute.Of("request_size", method == "GET" ? "0" : $"{80 + _random.Next(400)}"),
                OtlpAttribute.Of("response_size", $"{responseBytes}"), OtlpAttribute.Of("component", "proxy"),
                OtlpAttribute.Of("upstream_cluster", "frontend"), OtlpAttribute.Of("upstream_cluster.name", "frontend"),
                OtlpAttribute.Of("http.status_code", $"{status}"), OtlpAttribute.Of("response_flags", "-"),
            ]);
            if (outcome.Failed) span.Status = new Status { Code = Status.Types.StatusCode.Error };
        }
        egress.Attributes.Add(OtlpAttribute.Of("upstream_address", $"{frontend.Address}:8080"));
        return outcome with { EndUnixNano = (long)ingress.EndTimeUnixNano };
    }

    /// <summary>A unary gRPC call: the caller's client span around the callee's server span, named <c>oteldemo.Service/Method</c>.</summary>
    private Outcome Grpc(Caller caller, long start, DemoShopService callee, string service, string method, Func<Caller, long, Outcome> work)
    {
        var name = $"oteldemo.{service}/{method}";
        var client = _trace.Start(caller.Instance, caller.Service.ClientScope, name, SpanKind.Client, caller.Span, remoteParent: false, start);
        var instance = callee.Pick(_random);
        var serverStart = start + _trace.Duration(250);
        var server = _trace.Start(instance, callee.ServerScope, name, SpanKind.Server, client, remoteParent: true, serverStart);
        var outcome = work(new Caller(callee, instance, server), serverStart + _trace.Duration(40));
        End(server, outcome.EndUnixNano + _trace.Duration(40));
        End(client, (long)server.EndTimeUnixNano + _trace.Duration(250));
        // INTERNAL for the demo's failures, which gRPC reports as errors on both sides.
        var code = outcome.Failed ? 13L : 0L;
        client.Attributes.Add([
            OtlpAttribute.Of("rpc.system", "grpc"), OtlpAttribute.Of("rpc.service", $"oteldemo.{service}"), OtlpAttribute.Of("rpc.method", method),
            OtlpAttribute.Of("server.address", callee.Name), OtlpAttribute.Of("server.port", (long)callee.Port), OtlpAttribute.Of("rpc.grpc.status_code", code),
        ]);
        server.Attributes.Add([
            OtlpAttribute.Of("rpc.system", "grpc"), OtlpAttribute.Of("rpc.service", $"oteldemo.{service}"), OtlpAttribute.Of("rpc.method", method),
            OtlpAttribute.Of("network.peer.address", caller.Instance.Address), OtlpAttribute.Of("network.peer.port", (long)(32_768 + _random.Next(28_000))),
            OtlpAttribute.Of("rpc.grpc.status_code", code),
        ]);
        if (outcome.Failed)
        {
            client.Status = new Status { Code = Status.Types.StatusCode.Error, Message = outcome.Error };
            server.Status = new Status { Code = Status.Types.StatusCode.Error, Message = outcome.Error };
        }
        if (callee.GoGrpcEvents) Messages(server, "RECEIVED", serverStart, "SENT", (long)server.EndTimeUnixNano);
        if (caller.Service.GoGrpcEvents) Messages(client, "SENT", start, "RECEIVED", (long)client.EndTimeUnixNano);
        return outcome with { EndUnixNano = (long)client.EndTimeUnixNano };
    }

    /// <summary>An HTTP call between services: a client span named by the method, a server span named by method and route.</summary>
    private Outcome Http(Caller caller, long start, DemoShopService callee, string method, string route, string userAgent, Func<Caller, long, Outcome> work)
    {
        var client = _trace.Start(caller.Instance, caller.Service.ClientScope, method, SpanKind.Client, caller.Span, remoteParent: false, start);
        var instance = callee.Pick(_random);
        var serverStart = start + _trace.Duration(300);
        var server = _trace.Start(instance, callee.ServerScope, $"{method} {route}", SpanKind.Server, client, remoteParent: true, serverStart);
        var outcome = work(new Caller(callee, instance, server), serverStart + _trace.Duration(60));
        End(server, outcome.EndUnixNano + _trace.Duration(60));
        End(client, (long)server.EndTimeUnixNano + _trace.Duration(300));
        var status = outcome.Failed ? 500L : 200L;
        client.Attributes.Add([
            OtlpAttribute.Of("http.request.method", method), OtlpAttribute.Of("url.full", $"http://{callee.Name}:{callee.Port}{route}"),
            OtlpAttribute.Of("server.address", callee.Name), OtlpAttribute.Of("server.port", (long)callee.Port),
            OtlpAttribute.Of("network.protocol.version", "1.1"), OtlpAttribute.Of("http.response.status_code", status),
        ]);
        server.Attributes.Add([
            OtlpAttribute.Of("http.request.method", method), OtlpAttribute.Of("url.path", route), OtlpAttribute.Of("url.scheme", "http"),
            OtlpAttribute.Of("http.route", route), OtlpAttribute.Of("server.address", callee.Name), OtlpAttribute.Of("server.port", (long)callee.Port),
            OtlpAttribute.Of("network.protocol.version", "1.1"), OtlpAttribute.Of("user_agent.original", userAgent),
            OtlpAttribute.Of("client.address", caller.Instance.Address), OtlpAttribute.Of("http.response.status_code", status),
        ]);
        if (outcome.Failed)
        {
            client.Status = new Status { Code = Status.Types.StatusCode.Error };
            server.Status = new Status { Code = Status.Types.StatusCode.Error };
        }
        return outcome with { EndUnixNano = (long)client.EndTimeUnixNano };
    }

    /// <summary>A Redis command from the cart service (StackExchange.Redis instrumentation); returns when it ended.</summary>
    private long Redis(Caller caller, long start, string command)
    {
        var span = _trace.Start(caller.Instance, caller.Service.ClientScope, command, SpanKind.Client, caller.Span, remoteParent: false, start);
        End(span, start + _trace.Duration(250));
        span.Attributes.Add([
            OtlpAttribute.Of("db.system", "redis"), OtlpAttribute.Of("db.statement", command), OtlpAttribute.Of("db.redis.flags", "DemandMaster"),
            OtlpAttribute.Of("db.redis.database_index", 0L), OtlpAttribute.Of("server.address", "valkey-cart"), OtlpAttribute.Of("server.port", 6379L),
        ]);
        return (long)span.EndTimeUnixNano;
    }

    /// <summary>A Kafka message sent by the caller; returns when the send ended.</summary>
    private long Publish(Caller caller, long start, string topic)
    {
        var span = _trace.Start(caller.Instance, caller.Service.ClientScope, $"{topic} publish", SpanKind.Producer, caller.Span, remoteParent: false, start);
        End(span, start + _trace.Duration(1_500));
        span.Attributes.Add([
            OtlpAttribute.Of("messaging.system", "kafka"), OtlpAttribute.Of("messaging.destination.name", topic),
            OtlpAttribute.Of("messaging.operation.type", "publish"), OtlpAttribute.Of("messaging.destination.partition.id", "0"),
            OtlpAttribute.Of("messaging.kafka.message.offset", _kafkaOffset++),
        ]);
        return (long)span.EndTimeUnixNano;
    }

    /// <summary>A span of the caller's own code, inside its current span; the caller ends it.</summary>
    private Caller Internal(Caller caller, string name, long start) =>
        caller with { Span = _trace.Start(caller.Instance, caller.Service.ServerScope, name, SpanKind.Internal, caller.Span, remoteParent: false, start) };

    /// <summary>Records an exception on the span as SDKs do (an <c>exception</c> event) and marks it failed; returns the failed outcome.</summary>
    private static Outcome Fail(Span span, long at, string type, string message, string stacktrace)
    {
        span.Events.Add(new Span.Types.Event
        {
            TimeUnixNano = (ulong)at,
            Name = "exception",
            Attributes =
            {
                OtlpAttribute.Of("exception.type", type), OtlpAttribute.Of("exception.message", message),
                OtlpAttribute.Of("exception.stacktrace", stacktrace),
            },
        });
        span.Status = new Status { Code = Status.Types.StatusCode.Error, Message = message };
        return new Outcome(at, message);
    }

    /// <summary>The message events Go's otelgrpc instrumentation adds to a unary call's spans.</summary>
    private void Messages(Span span, string first, long firstAt, string second, long secondAt)
    {
        foreach (var (type, at) in (ReadOnlySpan<(string, long)>)[(first, firstAt), (second, secondAt)])
        {
            span.Events.Add(new Span.Types.Event
            {
                TimeUnixNano = (ulong)at,
                Name = "message",
                Attributes =
                {
                    OtlpAttribute.Of("message.type", type), OtlpAttribute.Of("message.id", 1L),
                    OtlpAttribute.Of("message.uncompressed_size", (long)(20 + _random.Next(600))),
                },
            });
        }
    }

    private static void End(Span span, long endUnixNano) => span.EndTimeUnixNano = (ulong)endUnixNano;
}
