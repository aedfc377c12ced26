using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OllyStack.Server.Observability;

namespace OllyStack.Server.Api;

/// <summary>/healthz (the process answers), /readyz (started and not stopping), /metrics (self-metrics, Prometheus text).</summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder endpoints, SelfMetrics selfMetrics)
    {
        var lifetime = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", () =>
            lifetime.ApplicationStarted.IsCancellationRequested && !lifetime.ApplicationStopping.IsCancellationRequested
                ? Results.Text("ready\n")
                : Results.Text("not ready\n", statusCode: 503));
        endpoints.MapGet("/metrics", () => Results.Text(selfMetrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
