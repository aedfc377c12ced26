using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>An Alertmanager-webhook receiver on 127.0.0.1: answers 200 to every POST and keeps each body, in arrival order.</summary>
internal sealed class WebhookSink : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly ConcurrentQueue<JsonElement> _received = new();

    public WebhookSink()
    {
        var port = FreePort.Next();
        Url = $"http://127.0.0.1:{port}/hook";
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _ = Task.Run(ServeAsync);
    }

    public string Url { get; }

    public IReadOnlyList<JsonElement> Notifications => [.. _received];

    /// <summary>Waits for a notification that satisfies <paramref name="match"/> and returns it.</summary>
    public async Task<JsonElement> WaitForAsync(Func<JsonElement, bool> match, string what)
    {
        try
        {
            await Poll.UntilAsync(() => Task.FromResult(_received.Any(match)), TimeSpan.FromSeconds(60), what);
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; received instead:\n{string.Join("\n", _received)}", e);
        }
        return _received.First(match);
    }

    public void Dispose() => _listener.Close();

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }
            using (var document = await JsonDocument.ParseAsync(context.Request.InputStream)) _received.Enqueue(document.RootElement.Clone());
            context.Response.StatusCode = 200;
            context.Response.Close();
        }
    }
}
