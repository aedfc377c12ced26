using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;

namespace OllyStack.EndToEnd;

/// <summary>
/// kill -9 while several clients send: after a restart every acknowledged record is present exactly once, and a
/// torn record left at the end of the log is truncated on replay, never served.
/// </summary>
public sealed class CrashRecoveryTests : IAsyncLifetime
{
    private const int Senders = 4;
    private const int RecordsPerRequest = 50;
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryAcknowledgedRecordSurvivesKillNineExactlyOnce()
    {
        var acknowledged = new ConcurrentBag<string>();
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(sender => SendUntilFailureAsync(sender, acknowledged, stop.Token)).ToArray();
        await Poll.UntilAsync(() => Task.FromResult(acknowledged.Count >= 2_000), TimeSpan.FromSeconds(60), "2,000 acknowledged records");
        await _server.KillAsync();
        stop.Cancel();
        await Task.WhenAll(senders);

        await _server.StartAgainAsync();

        var stored = WalContents.Logs(_server.DataDir).Select(l => l.Attributes["record.id"]).ToList();
        var counts = stored.GroupBy(id => id).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(acknowledged, id => Assert.True(counts.GetValueOrDefault(id) == 1, $"acknowledged record {id} stored {counts.GetValueOrDefault(id)} times"));
        Assert.All(counts, pair => Assert.Equal(1, pair.Value));
    }

    [Fact]
    public async Task ATornLastRecordIsTruncatedOnReplayAndAppendsContinue()
    {
        using var push = _server.PushClient();
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(push, Request("intact", 0, 3))).StatusCode);
        await _server.KillAsync();
        var segment = Directory.GetFiles(Path.Combine(_server.DataDir, "wal", "logs"), "*.wal").Order().Last();
        var intactLength = new FileInfo(segment).Length;
        await using (var file = new FileStream(segment, FileMode.Append))
            await file.WriteAsync(new byte[] { 0x00, 0x10, 0x00, 0x00, 0xde, 0xad, 0xbe, 0xef, 0x03, 0x00 });

        await _server.StartAgainAsync();

        Assert.Contains("truncated 10 bytes", _server.Output);
        Assert.Equal(intactLength, new FileInfo(segment).Length);
        Assert.Equal(HttpStatusCode.OK, (await PostAsync(push, Request("after", 0, 2))).StatusCode);
        var logs = WalContents.Logs(_server.DataDir);
        Assert.Equal(["after", "after", "intact", "intact", "intact"], logs.Select(l => l.Attributes["record.id"].Split('/')[0]).Order());
        Assert.Equal([0L, 1L], logs.Select(l => l.Offset).Distinct().Order());
    }

    private async Task SendUntilFailureAsync(int sender, ConcurrentBag<string> acknowledged, CancellationToken stop)
    {
        using var push = _server.PushClient();
        for (var request = 0; !stop.IsCancellationRequested; request++)
        {
            var prefix = $"s{sender}-r{request}";
            try
            {
                var response = await PostAsync(push, Request(prefix, 0, RecordsPerRequest));
                if (response.StatusCode != HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                return;
            }
            for (var i = 0; i < RecordsPerRequest; i++) acknowledged.Add($"{prefix}/{i}");
        }
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, ExportLogsServiceRequest request)
    {
        var content = new ByteArrayContent(request.ToByteArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        return client.PostAsync("/v1/logs", content);
    }

    private static ExportLogsServiceRequest Request(string prefix, int first, int count)
    {
        var scope = new ScopeLogs();
        for (var i = first; i < first + count; i++)
        {
            scope.LogRecords.Add(new LogRecord
            {
                TimeUnixNano = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000,
                SeverityText = "INFO",
                Body = new AnyValue { StringValue = $"order {prefix}/{i} placed" },
                Attributes = { new KeyValue { Key = "record.id", Value = new AnyValue { StringValue = $"{prefix}/{i}" } } },
            });
        }
        var request = new ExportLogsServiceRequest();
        request.ResourceLogs.Add(new ResourceLogs { ScopeLogs = { scope } });
        return request;
    }
}
