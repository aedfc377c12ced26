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
    /// <param name="problem">Says why the server cannot serve correctly (e.g. the storage writer stopped), or null.</param>
    public static void MapHealth(this IEndpointRouteBuilder endpoints, SelfMetrics selfMetrics, Func<string?> problem)
    {
        var lifetime = endpoints.ServiceProvider.GetRequiredService<IHostApplicationLifetime>();
        endpoints.MapGet("/healthz", () => Results.Text("ok\n"));
        endpoints.MapGet("/readyz", () =>
        {
            if (!lifetime.ApplicationStarted.IsCancellationRequested || lifetime.ApplicationStopping.IsCancellationRequested)
                return Results.Text("not ready: starting or stopping\n", statusCode: 503);
            return problem() is { } reason ? Results.Text($"not ready: {reason}\n", statusCode: 503) : Results.Text("ready\n");
        });
        endpoints.MapGet("/metrics", () => Results.Text(selfMetrics.Render(), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
