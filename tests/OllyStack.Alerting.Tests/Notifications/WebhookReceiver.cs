using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>
/// A local HTTP endpoint on 127.0.0.1 that records every request body; answers 200 unless told otherwise (a status per
/// request in order, or never answering at all).
/// </summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<int> _statuses = new();
    private readonly ConcurrentQueue<(string Path, JsonElement Body, string? Authorization)> _received = new();
    private readonly CancellationTokenSource _stop = new();

    public WebhookReceiver()
    {
        Port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    public string BaseUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Requests are held open without an answer until the receiver is disposed.</summary>
    public bool Hang { get; set; }

    public IReadOnlyList<JsonElement> Bodies => _received.Select(r => r.Body).ToList();

    public IReadOnlyList<(string Path, JsonElement Body, string? Authorization)> Requests => _received.ToList();

    public int RequestCount => _received.Count;

    public void AnswerNext(params int[] statuses)
    {
        foreach (var status in statuses) _statuses.Enqueue(status);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Close();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => AnswerAsync(context));
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = await JsonDocument.ParseAsync(context.Request.InputStream);
        _received.Enqueue((context.Request.Url!.AbsolutePath, body.RootElement.Clone(), context.Request.Headers["Authorization"]));
        if (Hang)
        {
            await Task.Delay(Timeout.Infinite, _stop.Token).ContinueWith(_ => { });
            return;
        }
        context.Response.StatusCode = _statuses.TryDequeue(out var status) ? status : 200;
        context.Response.Close();
    }

    private static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }
}
