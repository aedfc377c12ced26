using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net.Http.Headers;
using Google.Protobuf;
using OllyStack.Benchmarks.Load;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// A steady OTLP/HTTP log stream: every (app, instance) stream gets the same number of lines every 100 ms — nine in
/// ten info lines, one in ten an error line that is not about a timeout (so error streams fill the rules' windows
/// without firing them) — from one sender per slice of the apps, each sending its next request once the last was
/// answered. A queued <see cref="LogBreach"/> adds four timeout errors to its stream's next request.
/// </summary>
public sealed class LogLinesIngest(TargetServer server, int apps, int instances, int senders, int linesPerStream)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);
    private readonly ConcurrentQueue<LogBreach>[] _breaches = [.. Enumerable.Range(0, senders).Select(_ => new ConcurrentQueue<LogBreach>())];
    private long _lines;
    private long _errors;

    public long AcknowledgedLines => Interlocked.Read(ref _lines);

    public long Errors => Interlocked.Read(ref _errors);

    public double OfferedLinesPerSecond => apps * instances * linesPerStream / Interval.TotalSeconds;

    public void Breach(LogBreach breach) => _breaches[breach.App % senders].Enqueue(breach);

    public async Task RunAsync(CancellationToken stop)
    {
        using var http = new HttpClient { BaseAddress = server.PushBase, Timeout = TimeSpan.FromSeconds(30) };
        if (server.Key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        await Task.WhenAll(Enumerable.Range(0, senders).Select(sender => Task.Run(() => SendAsync(http, sender, stop))));
    }

    private async Task SendAsync(HttpClient http, int sender, CancellationToken stop)
    {
        var random = new Random(sender);
        var due = Stopwatch.GetTimestamp();
        var pending = new List<LogBreach>();
        while (!stop.IsCancellationRequested)
        {
            var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
            if (wait > TimeSpan.Zero) await Task.Delay(wait, CancellationToken.None);
            due += (long)(Interval.TotalSeconds * Stopwatch.Frequency);
            while (_breaches[sender].TryDequeue(out var breach)) pending.Add(breach);
            var (request, lines) = Request(sender, random, pending);
            using var content = new ByteArrayContent(request.ToByteArray());
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            try
            {
                using var response = await http.PostAsync("/v1/logs", content, CancellationToken.None);
                if (!response.IsSuccessStatusCode) throw new HttpRequestException($"{(int)response.StatusCode}");
            }
            catch (HttpRequestException)
            {
                Interlocked.Increment(ref _errors);
                continue;
            }
            var acknowledged = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _lines, lines);
            foreach (var breach in pending) breach.AcknowledgedAt = acknowledged;
            pending.Clear();
        }
    }

    private (ExportLogsServiceRequest Request, int Lines) Request(int sender, Random random, List<LogBreach> breaches)
    {
        var now = (ulong)DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() * 1_000_000;
        var request = new ExportLogsServiceRequest();
        var lines = 0;
        for (var app = sender; app < apps; app += senders)
        {
            for (var instance = 0; instance < instances; instance++)
            {
                var scope = new ScopeLogs();
                for (var i = 0; i < linesPerStream; i++)
                {
                    var error = random.Next(10) == 0;
                    scope.LogRecords.Add(Line(now + (ulong)i, error ? SeverityNumber.Error : SeverityNumber.Info, error ? "connection refused by upstream" : "GET /items 200 12ms"));
                }
                foreach (var breach in breaches.Where(b => b.App == app && b.Instance == instance))
                    for (var i = 0; i <= LogAlertRules.Threshold; i++) scope.LogRecords.Add(Line(now + (ulong)(linesPerStream + i), SeverityNumber.Error, "upstream timeout after 5s"));
                lines += scope.LogRecords.Count;
                request.ResourceLogs.Add(new ResourceLogs { Resource = Resource(app, instance), ScopeLogs = { scope } });
            }
        }
        return (request, lines);
    }

    private static LogRecord Line(ulong timeNano, SeverityNumber severity, string body) =>
        new() { TimeUnixNano = timeNano, SeverityNumber = severity, Body = new AnyValue { StringValue = body } };

    private static Resource Resource(int app, int instance) => new()
    {
        Attributes =
        {
            new KeyValue { Key = "service.name", Value = new AnyValue { StringValue = LogAlertRules.AppName(app) } },
            new KeyValue { Key = "app", Value = new AnyValue { StringValue = LogAlertRules.AppName(app) } },
            new KeyValue { Key = "instance", Value = new AnyValue { StringValue = LogAlertRules.InstanceName(instance) } },
        },
    };
}
