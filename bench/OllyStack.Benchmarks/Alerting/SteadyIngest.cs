using System.Diagnostics;
using System.Net.Http.Headers;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// A steady remote-write stream to one server: every series gets a sample every <c>interval</c>, one request per
/// shard of series, the shards' requests spread evenly over the interval (as a Prometheus' remote-write queue
/// sends continuously, not in bursts). Each shard sends its next request only once its previous one was answered,
/// so a series' samples never overtake each other (Prometheus answers an out-of-order sample with 400); a server
/// that answers slower than the interval gets fewer samples, which the achieved rate shows. Requests are not
/// retried: a failed one is counted and its samples are gone.
/// Normal values are 0-50; a series with an active <see cref="Trigger"/> gets <see cref="AlertRuleFile.TriggerValue"/>
/// until the breach was acknowledged and held for <c>hold</c>.
/// </summary>
public sealed class SteadyIngest
{
    private readonly TargetServer _server;
    private readonly AlertSeries _series;
    private readonly AlertRequestEncoder _encoder;
    private readonly TriggerSchedule _triggers;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _hold;
    private long _acknowledgedSamples;
    private long _requests;
    private long _errors;
    private string? _firstError;

    public SteadyIngest(TargetServer server, AlertSeries series, AlertRequestEncoder encoder, TriggerSchedule triggers, TimeSpan interval, TimeSpan hold)
    {
        _server = server;
        _series = series;
        _encoder = encoder;
        _triggers = triggers;
        _interval = interval;
        _hold = hold;
    }

    public long AcknowledgedSamples => Interlocked.Read(ref _acknowledgedSamples);

    public long Requests => Interlocked.Read(ref _requests);

    public long Errors => Interlocked.Read(ref _errors);

    public string? FirstError => _firstError;

    /// <summary>Sends until <paramref name="stop"/> is cancelled; requests in flight then are still answered.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        using var handler = new SocketsHttpHandler { PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var http = new HttpClient(handler) { BaseAddress = _server.PushBase, Timeout = TimeSpan.FromSeconds(30) };
        if (_server.Key is not null) http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _server.Key);
        http.DefaultRequestHeaders.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
        var start = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, _series.Shards).Select(shard => Task.Run(() => SendShardAsync(http, shard, start, stop))));
    }

    private async Task SendShardAsync(HttpClient http, int shard, long start, CancellationToken stop)
    {
        var (raw, compressed) = _encoder.NewBuffers();
        var values = new double[_series.SeriesPerRequest];
        var active = new List<Trigger>();
        var random = new Random(shard);
        var intervalTicks = (long)(_interval.TotalSeconds * Stopwatch.Frequency);
        var due = start + intervalTicks * shard / _series.Shards;
        var lastTimestamp = 0L;
        while (!stop.IsCancellationRequested)
        {
            if (!await DelayUntilAsync(due, stop)) return;
            due += intervalTicks;
            _triggers.TakePending(shard, active);
            Fill(values, random, shard, active);
            // Strictly increasing per series even when a late shard catches up within a millisecond: Prometheus
            // refuses a second, different sample at the same timestamp.
            lastTimestamp = Math.Max(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), lastTimestamp + 1);
            var length = _encoder.Encode(shard, values, lastTimestamp, raw, compressed);
            if (!await SendAsync(http, compressed, length)) continue;
            var acknowledged = Stopwatch.GetTimestamp();
            Interlocked.Add(ref _acknowledgedSamples, values.Length);
            foreach (var trigger in active) trigger.Acknowledged(acknowledged);
            active.RemoveAll(t => t.Over(acknowledged, _hold));
        }
    }

    private void Fill(double[] values, Random random, int shard, List<Trigger> active)
    {
        for (var i = 0; i < values.Length; i++) values[i] = random.Next(0, 501) / 10.0;
        var now = Stopwatch.GetTimestamp();
        foreach (var trigger in active)
        {
            values[trigger.Series - shard * _series.SeriesPerRequest] = AlertRuleFile.TriggerValue;
            trigger.Sent(now);
        }
    }

    private async Task<bool> SendAsync(HttpClient http, byte[] body, int length)
    {
        Interlocked.Increment(ref _requests);
        try
        {
            using var content = new ByteArrayContent(body, 0, length);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            using var response = await http.PostAsync("/api/v1/write", content);
            if (response.IsSuccessStatusCode) return true;
            Fail($"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            Fail(e.Message);
        }
        return false;
    }

    private void Fail(string error)
    {
        Interlocked.Increment(ref _errors);
        Interlocked.CompareExchange(ref _firstError, error, null);
    }

    private static async Task<bool> DelayUntilAsync(long due, CancellationToken stop)
    {
        var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
        try
        {
            if (wait > TimeSpan.Zero) await Task.Delay(wait, stop);
            return !stop.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
