using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.History;

/// <summary>
/// Sends a <see cref="HistorySpool"/> to one server over remote write as fast as it acknowledges, on several
/// connections, without ever letting a series' samples overtake each other: a request is sent only after the
/// request one round earlier for the same hosts has been answered. Prometheus' TSDB refuses out-of-order samples
/// (HTTP 400), and the stores' day and block boundaries assume time moves forward; this keeps every host in order
/// and all hosts within about a round of each other. Throttling answers (429, 503) are retried after Retry-After.
/// </summary>
public static class HistoryReplay
{
    public static async Task<ReplayOutcome> RunAsync(TargetServer server, HistorySpool spool, int connections, TextWriter log)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = server.PushBase, Timeout = TimeSpan.FromMinutes(5) };
        if (server.Key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", server.Key);
        http.DefaultRequestHeaders.Add("X-Prometheus-Remote-Write-Version", "0.1.0");

        var answered = new TaskCompletionSource[spool.Requests];
        for (var i = 0; i < answered.Length; i++) answered[i] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var queue = Channel.CreateBounded<(int Index, byte[] Body)>(connections * 4);
        var state = new State();

        var cpuBefore = server.CpuSeconds();
        var clock = Stopwatch.StartNew();
        var reader = Task.Run(async () =>
        {
            var index = 0;
            await foreach (var body in spool.ReadAsync()) await queue.Writer.WriteAsync((index++, body));
            queue.Writer.Complete();
        });
        var workers = Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            await foreach (var (index, body) in queue.Reader.ReadAllAsync())
            {
                if (index >= spool.RequestsPerRound) await answered[index - spool.RequestsPerRound].Task;
                await SendAsync(http, body, state);
                answered[index].SetResult();
                if (Interlocked.Increment(ref state.Answered) % (spool.RequestsPerRound * 360) == 0) Progress(log, server, spool, state, clock);
            }
        })).ToArray();
        await Task.WhenAll(workers.Append(reader));
        var seconds = clock.Elapsed.TotalSeconds;
        var cpu = server.CpuSeconds() - cpuBefore;
        return new ReplayOutcome(state.Accepted * spool.SamplesPerRequest, state.Accepted, state.Failed, state.Retries, seconds, cpu, state.FirstError);
    }

    private static async Task SendAsync(HttpClient http, byte[] body, State state)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
                content.Headers.ContentEncoding.Add("snappy");
                using var response = await http.PostAsync("/api/v1/write", content);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref state.Accepted);
                    return;
                }
                if (response.StatusCode is (HttpStatusCode.TooManyRequests or HttpStatusCode.ServiceUnavailable) && attempt < 100)
                {
                    Interlocked.Increment(ref state.Retries);
                    await Task.Delay(response.Headers.RetryAfter?.Delta ?? TimeSpan.FromSeconds(1));
                    continue;
                }
                Interlocked.Increment(ref state.Failed);
                state.FirstError ??= $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}";
                return;
            }
            catch (HttpRequestException e)
            {
                Interlocked.Increment(ref state.Failed);
                state.FirstError ??= e.Message;
                return;
            }
        }
    }

    private static void Progress(TextWriter log, TargetServer server, HistorySpool spool, State state, Stopwatch clock)
    {
        var answered = Interlocked.Read(ref state.Answered);
        var hours = answered / spool.RequestsPerRound / 360.0;
        var samples = answered * spool.SamplesPerRequest;
        log.WriteLine($"  {server.Name}: {hours:F0} h of {spool.Rounds / 360.0:F1} h sent, {samples / clock.Elapsed.TotalSeconds:N0} samples/s so far");
    }

    private sealed class State
    {
        public long Answered;
        public long Accepted;
        public long Failed;
        public long Retries;
        public string? FirstError;
    }
}
