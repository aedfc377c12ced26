using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// The alerts' destination on loopback: <c>POST /api/v2/alerts</c> as an Alertmanager takes alerts from Prometheus,
/// and <c>POST /webhook</c> as a webhook receiver takes Alertmanager's notifications. Notes when each
/// (alertname, instance) first arrived firing, timestamped as the request comes in, before its body is read.
/// </summary>
public sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<(string AlertName, string Instance), long> _firstFiring = new();
    private long _requests;
    private long _firingAlerts;
    private long _badRequests;

    private NotificationReceiver(WebApplication app) => _app = app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>Notification requests received on either endpoint.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Firing alerts in them, repeats included.</summary>
    public long FiringAlerts => Interlocked.Read(ref _firingAlerts);

    /// <summary>Bodies that were not JSON.</summary>
    public long BadRequests => Interlocked.Read(ref _badRequests);

    public IReadOnlyList<(string AlertName, string Instance)> FiringKeys => _firstFiring.Keys.ToArray();

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new NotificationReceiver(app);
        app.MapPost("/api/v2/alerts", context => receiver.ReceiveAsync(context, body => AlertPayloads.FromAlertmanagerApi(body, DateTimeOffset.UtcNow)));
        app.MapPost("/webhook", context => receiver.ReceiveAsync(context, AlertPayloads.FromWebhook));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        receiver.BaseAddress = new Uri(address);
        return receiver;
    }

    /// <summary>When (<see cref="Stopwatch"/> timestamp) the alert first arrived firing, or 0.</summary>
    public long FirstFiring(string alertName, string instance) => _firstFiring.TryGetValue((alertName, instance), out var at) ? at : 0;

    private async Task ReceiveAsync(HttpContext context, Func<JsonElement, List<(string AlertName, string Instance)>> firing)
    {
        var arrived = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref _requests);
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body);
            foreach (var key in firing(body.RootElement))
            {
                Interlocked.Increment(ref _firingAlerts);
                _firstFiring.TryAdd(key, arrived);
            }
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (JsonException)
        {
            Interlocked.Increment(ref _badRequests);
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
