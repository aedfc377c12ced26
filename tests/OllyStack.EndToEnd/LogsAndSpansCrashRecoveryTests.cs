using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Collector.Trace;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Resource;
using OllyStack.Ingest.Otlp.Trace;

namespace OllyStack.EndToEnd;

/// <summary>
/// kill -9 while clients send logs and spans and the stores flush parts every 100 ms and merge them: after the restart every
/// acknowledged log line answers LogQL and every acknowledged trace answers the Jaeger API, each exactly once.
/// </summary>
public sealed class LogsAndSpansCrashRecoveryTests : IAsyncLifetime
{
    private const int LinesPerRequest = 20;
    private const int SpansPerTrace = 5;
    /// <summary>Spreads each sender's requests over a dozen flushes or more, so merges run while the kill can fall.</summary>
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(10);
    private static readonly string[] Flags = ["--logs-flush-interval", "100ms", "--traces-flush-interval", "100ms"];
    private readonly ConcurrentDictionary<string, bool> _lines = new();
    private readonly ConcurrentDictionary<string, bool> _traces = new();
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync(Flags);

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryAcknowledgedLineAndSpanIsFoundOnceAfterKillNine()
    {
        using (var stop = new CancellationTokenSource())
        {
            var senders = new[] { SendLogsAsync(0, stop.Token), SendLogsAsync(1, stop.Token), SendSpansAsync(stop.Token) };
            await Poll.UntilAsync(() => Task.FromResult(_lines.Count >= 1_000 && _traces.Count >= 30 && PartsMerged()), TimeSpan.FromSeconds(90),
                "1,000 acknowledged lines, 30 acknowledged traces and merged parts of both on disk");
            await _server.KillAsync();
            stop.Cancel();
            await Task.WhenAll(senders);
        }

        await _server.StartAgainAsync(Flags);

        using var api = _server.ApiClient();
        var stored = await StoredLinesAsync(api);
        Assert.All(_lines.Keys, id => Assert.True(stored.GetValueOrDefault(id) == 1, $"acknowledged line {id} found {stored.GetValueOrDefault(id)} times"));
        Assert.All(stored, pair => Assert.Equal(1, pair.Value));
        foreach (var traceId in _traces.Keys)
        {
            using var response = await api.GetAsync($"/api/traces/{traceId}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"acknowledged trace {traceId}: {(int)response.StatusCode} {body}");
            Assert.Equal(SpansPerTrace, JsonDocument.Parse(body).RootElement.GetProperty("data")[0].GetProperty("spans").GetArrayLength());
        }
    }

    /// <summary>Flushed parts of both kinds and merges of both under way, so the kill can also fall into a merge.</summary>
    private bool PartsMerged() => StoredParts.Merged(_server, StoredParts.Logs) > 0 && StoredParts.Merged(_server, StoredParts.Traces) > 0;

    /// <summary>How often each line id answers a LogQL query over everything the senders wrote.</summary>
    private static async Task<Dictionary<string, int>> StoredLinesAsync(HttpClient api)
    {
        var end = DateTimeOffset.UtcNow.AddMinutes(1).ToUnixTimeMilliseconds() * 1_000_000;
        var start = DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeMilliseconds() * 1_000_000;
        var query = Uri.EscapeDataString("{service_name=\"crash-test\"}");
        using var response = await api.GetAsync($"/loki/api/v1/query_range?query={query}&start={start}&end={end}&limit=5000");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var counts = new Dictionary<string, int>();
        foreach (var stream in JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
            foreach (var value in stream.GetProperty("values").EnumerateArray())
            {
                var id = value[1].GetString()!["line ".Length..];
                counts[id] = counts.GetValueOrDefault(id) + 1;
            }
        return counts;
    }

    private async Task SendLogsAsync(int sender, CancellationToken stop)
    {
        using var push = _server.PushClient();
        for (var round = 0; !stop.IsCancellationRequested && _lines.Count < 4_000; round++)
        {
            var ids = Enumerable.Range(0, LinesPerRequest).Select(i => $"{sender}-{round}-{i}").ToList();
            if (!await PostAsync(push, "/v1/logs", LogsRequest(ids))) return;
            foreach (var id in ids) _lines[id] = true;
            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    private async Task SendSpansAsync(CancellationToken stop)
    {
        using var push = _server.PushClient();
        for (var round = 1; !stop.IsCancellationRequested && _traces.Count < 200; round++)
        {
            var traceId = round.ToString("x32", CultureInfo.InvariantCulture);
            if (!await PostAsync(push, "/v1/traces", TraceRequest(traceId))) return;
            _traces[traceId] = true;
            await Task.Delay(Pace, CancellationToken.None);
        }
    }

    private static async Task<bool> PostAsync(HttpClient push, string path, IMessage request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        try
        {
            using var response = await push.PostAsync(path, content);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private static Resource CrashTestResource() =>
        new() { Attributes = { new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = "crash-test" } } } };

    private static ExportLogsServiceRequest LogsRequest(IEnumerable<string> ids)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var scope = new ScopeLogs();
        foreach (var id in ids) scope.LogRecords.Add(new LogRecord { TimeUnixNano = now, SeverityNumber = SeverityNumber.Info, Body = new AnyValue { StringValue = "line " + id } });
        return new ExportLogsServiceRequest { ResourceLogs = { new ResourceLogs { Resource = CrashTestResource(), ScopeLogs = { scope } } } };
    }

    private static ExportTraceServiceRequest TraceRequest(string traceId)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var scope = new ScopeSpans();
        for (var i = 1; i <= SpansPerTrace; i++)
        {
            scope.Spans.Add(new Span
            {
                TraceId = ByteString.CopyFrom(Convert.FromHexString(traceId)),
                SpanId = ByteString.CopyFrom(BitConverter.GetBytes((ulong)i).Reverse().ToArray()),
                ParentSpanId = i == 1 ? ByteString.Empty : ByteString.CopyFrom(BitConverter.GetBytes(1UL).Reverse().ToArray()),
                Name = $"step {i}",
                StartTimeUnixNano = now,
                EndTimeUnixNano = now + 1_000_000,
            });
        }
        return new ExportTraceServiceRequest { ResourceSpans = { new ResourceSpans { Resource = CrashTestResource(), ScopeSpans = { scope } } } };
    }
}
