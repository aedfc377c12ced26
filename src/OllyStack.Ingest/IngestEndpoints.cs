using Grpc.AspNetCore.Server.Model;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using OllyStack.Core.Batches;
using OllyStack.Ingest.Grpc;
using OllyStack.Ingest.Http;
using OllyStack.Ingest.Otlp;

namespace OllyStack.Ingest;

/// <summary>Registers the receivers; the server decides on which port each listens.</summary>
public static class IngestEndpoints
{
    public static IServiceCollection AddIngest(this IServiceCollection services, IngestOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton<OtlpIngestHandler>();
        services.AddSingleton<OtlpHttpReceiver>();
        services.AddSingleton<RemoteWriteReceiver>();
        services.AddSingleton<LokiPushReceiver>();
        services.AddSingleton<OtlpGrpcService>();
        services.AddSingleton<IServiceMethodProvider<OtlpGrpcService>, OtlpGrpcMethodProvider>();
        services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = (int)Math.Min(options.MaxRequestBytes, int.MaxValue);
            grpc.EnableDetailedErrors = false;
        });
        return services;
    }

    /// <summary>OTLP/HTTP, Prometheus remote write and Loki push.</summary>
    public static void MapIngestHttp(this IEndpointRouteBuilder endpoints)
    {
        var otlp = endpoints.ServiceProvider.GetRequiredService<OtlpHttpReceiver>();
        var remoteWrite = endpoints.ServiceProvider.GetRequiredService<RemoteWriteReceiver>();
        var loki = endpoints.ServiceProvider.GetRequiredService<LokiPushReceiver>();
        endpoints.MapPost("/v1/metrics", context => otlp.HandleAsync(context, Signal.Metrics));
        endpoints.MapPost("/v1/logs", context => otlp.HandleAsync(context, Signal.Logs));
        endpoints.MapPost("/v1/traces", context => otlp.HandleAsync(context, Signal.Traces));
        endpoints.MapPost("/api/v1/write", remoteWrite.HandleAsync);
        endpoints.MapPost("/loki/api/v1/push", loki.HandleAsync);
    }

    /// <summary>OTLP/gRPC.</summary>
    public static void MapIngestGrpc(this IEndpointRouteBuilder endpoints) => endpoints.MapGrpcService<OtlpGrpcService>();
}
