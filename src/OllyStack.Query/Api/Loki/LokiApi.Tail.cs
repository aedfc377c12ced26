using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Api.Loki;

/// <summary>
/// <c>/loki/api/v1/tail</c> over a WebSocket: the newest lines of a log query since <c>start</c> (at most
/// <c>limit</c>), then every new line as it becomes queryable, as Loki's tail messages
/// (<c>{"streams":[{"stream":{...},"values":[["ns","line"]]}],"dropped_entries":null}</c>).
/// </summary>
public sealed partial class LokiApi
{
    /// <summary>How often a tail looks for new lines: well under the second within which ingested lines are queryable.</summary>
    private static readonly TimeSpan TailPoll = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// How far back each look reaches: lines stamped this much older than the newest arrive late and are still sent;
    /// older stragglers are not (Loki's tail follows ingestion, ours follows record time).
    /// </summary>
    private const long TailLookbackNanos = 30_000_000_000;

    private const int MaxDelayForSeconds = 5;

    private async Task TailAsync(HttpContext context, Principal principal)
    {
        if (!context.WebSockets.IsWebSocketRequest) throw ApiException.BadData("tail needs a WebSocket: send an Upgrade: websocket request");
        var parameters = await ParametersAsync(context);
        if (Parse(parameters.Query) is not LogSelectorExpr query) throw ApiException.BadData("tail takes a log query, not a metric query");
        var limit = parameters.Limit();
        var delayFor = parameters.Duration("delay_for") ?? TimeSpan.Zero;
        if (delayFor < TimeSpan.Zero || delayFor > TimeSpan.FromSeconds(MaxDelayForSeconds))
            throw ApiException.BadData($"delay_for must be between 0 and {MaxDelayForSeconds} seconds");
        var start = parameters.TimeUnixNano("start", parameters.NowUnixNano - 3_600_000_000_000);
        using var socket = await context.WebSockets.AcceptWebSocketAsync();
        using var closed = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var listening = WaitForCloseAsync(socket, closed);
        try
        {
            await FollowAsync(socket, principal.Tenant, query, start, limit, (long)delayFor.TotalNanoseconds, closed.Token);
        }
        catch (OperationCanceledException) when (closed.IsCancellationRequested)
        {
        }
        catch (LogQLLimitException e)
        {
            await socket.CloseAsync(WebSocketCloseStatus.PolicyViolation, e.Message, CancellationToken.None);
        }
        await closed.CancelAsync();
        await listening;
    }

    /// <summary>Sends the newest lines since <paramref name="start"/>, then new lines every <see cref="TailPoll"/>, each once.</summary>
    private async Task FollowAsync(WebSocket socket, string tenant, LogSelectorExpr query, long start, int limit, long delayNanos, CancellationToken cancellationToken)
    {
        var sent = new HashSet<(Labels, long, string)>();
        var now = NowUnixNano();
        var first = _engine.QueryLogs(tenant, query, start, now - delayNanos, limit, LogDirection.Backward, cancellationToken);
        await SendNewAsync(socket, first, sent, cancellationToken);
        // Lines before the backlog's end were the backlog's to send (within its limit); later looks start there at the earliest.
        var followFrom = now - delayNanos;
        var from = followFrom;
        while (true)
        {
            await Task.Delay(TailPoll, cancellationToken);
            var to = NowUnixNano() - delayNanos;
            var lookFrom = Math.Max(followFrom, Math.Min(from, to - TailLookbackNanos));
            var result = _engine.QueryLogs(tenant, query, lookFrom, to, LokiParameters.MaxLimit, LogDirection.Forward, cancellationToken);
            sent.RemoveWhere(s => s.Item2 < lookFrom);
            await SendNewAsync(socket, result, sent, cancellationToken);
            from = to;
        }
    }

    private long NowUnixNano() => _clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000;

    private static async Task SendNewAsync(WebSocket socket, LogQueryResult result, HashSet<(Labels, long, string)> sent, CancellationToken cancellationToken)
    {
        var fresh = result.Streams
            .Select(s => (s.Labels, Entries: s.Entries.Where(e => sent.Add((s.Labels, e.TimeUnixNano, e.Line))).OrderBy(e => e.TimeUnixNano).ToList()))
            .Where(s => s.Entries.Count > 0)
            .ToList();
        if (fresh.Count == 0) return;
        using var buffer = new MemoryStream();
        await using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("streams");
            foreach (var (labels, entries) in fresh) WriteStream(json, labels, entries);
            json.WriteEndArray();
            json.WriteNull("dropped_entries");
            json.WriteEndObject();
        }
        await socket.SendAsync(buffer.ToArray(), WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
    }

    /// <summary>Reads until the client closes (a tail client sends nothing else), then cancels the tail.</summary>
    private static async Task WaitForCloseAsync(WebSocket socket, CancellationTokenSource closed)
    {
        var buffer = new byte[1024];
        try
        {
            while (!closed.IsCancellationRequested)
            {
                var received = await socket.ReceiveAsync(buffer, closed.Token);
                if (received.MessageType != WebSocketMessageType.Close) continue;
                await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "", CancellationToken.None);
                break;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException)
        {
        }
        await closed.CancelAsync();
    }
}
