using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using OllyStack.EndToEnd.Compliance;
using OllyStack.EndToEnd.Infrastructure;
using OllyStack.Ingest.Prometheus;

namespace OllyStack.EndToEnd;

/// <summary>
/// kill -9 while remote-write clients send and the metric store flushes parts every 100 ms and merges them in the
/// background: after each restart every acknowledged sample is queryable, with its value, exactly once.
/// </summary>
public sealed class MetricsCrashRecoveryTests : IAsyncLifetime
{
    private const int Senders = 3;
    private const int SeriesPerSender = 10;
    private static readonly long Start = DateTimeOffset.UtcNow.AddHours(-1).ToUnixTimeMilliseconds() / 1000 * 1000;
    private readonly ConcurrentDictionary<(int Sender, int Round), bool> _acknowledged = new();
    private readonly int[] _nextRound = new int[Senders];
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync("--metrics-flush-interval", "100ms");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task EveryAcknowledgedSampleSurvivesKillNineDuringFlushesAndMerges()
    {
        await SendThenKillAsync(minimumRounds: 60);
        await _server.StartAgainAsync("--metrics-flush-interval", "100ms");
        await AssertAcknowledgedSamplesQueryableAsync();

        await SendThenKillAsync(minimumRounds: 120);
        await _server.StartAgainAsync("--metrics-flush-interval", "100ms");
        await AssertAcknowledgedSamplesQueryableAsync();
        Assert.True(Directory.EnumerateFiles(Path.Combine(_server.DataDir, "metrics"), "*.part", SearchOption.AllDirectories).Any());
    }

    /// <summary>Sends until enough rounds are acknowledged and the store has merged since the last start, then kills the server mid-stream.</summary>
    private async Task SendThenKillAsync(int minimumRounds)
    {
        using var stop = new CancellationTokenSource();
        var senders = Enumerable.Range(0, Senders).Select(sender => SendUntilFailureAsync(sender, stop.Token)).ToArray();
        await Poll.UntilAsync(async () => _acknowledged.Count >= minimumRounds * Senders && await _server.MetricAsync("ollystack_storage_merges_total") > 0,
            TimeSpan.FromSeconds(90), $"{minimumRounds} acknowledged rounds per sender and a merge");
        await _server.KillAsync();
        stop.Cancel();
        await Task.WhenAll(senders);
    }

    private async Task SendUntilFailureAsync(int sender, CancellationToken stop)
    {
        using var push = _server.PushClient();
        var writeUrl = new Uri(_server.OtlpHttpEndpoint, "/api/v1/write");
        while (!stop.IsCancellationRequested)
        {
            var round = _nextRound[sender]++;
            try
            {
                await RemoteWriter.SendAsync(push, writeUrl, Enumerable.Range(0, SeriesPerSender).Select(series => (Labels(sender, series), Start + round * 1000L, (double)round)));
            }
            catch (Exception e) when (e is HttpRequestException or InvalidOperationException)
            {
                return;
            }
            _acknowledged[(sender, round)] = true;
        }
    }

    private async Task AssertAcknowledgedSamplesQueryableAsync()
    {
        using var api = _server.ApiClient();
        var end = Start + _nextRound.Max() * 1000L;
        using var response = await api.PostAsync("/api/v1/query", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["query"] = "crash_test[2h]",
            ["time"] = (end / 1000.0).ToString(CultureInfo.InvariantCulture),
        }));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var stored = new Dictionary<(int Sender, int Series), List<(long T, double V)>>();
        foreach (var series in JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result").EnumerateArray())
        {
            var metric = series.GetProperty("metric");
            var key = (int.Parse(metric.GetProperty("sender").GetString()!, CultureInfo.InvariantCulture), int.Parse(metric.GetProperty("series").GetString()!, CultureInfo.InvariantCulture));
            stored[key] = series.GetProperty("values").EnumerateArray()
                .Select(p => ((long)Math.Round(p[0].GetDouble() * 1000), double.Parse(p[1].GetString()!, CultureInfo.InvariantCulture)))
                .ToList();
        }
        foreach (var ((sender, round), _) in _acknowledged)
        {
            for (var series = 0; series < SeriesPerSender; series++)
            {
                var samples = stored.GetValueOrDefault((sender, series)) ?? [];
                Assert.True(samples.Count(s => s.T == Start + round * 1000L) == 1, $"sender {sender} series {series}: acknowledged round {round} stored {samples.Count(s => s.T == Start + round * 1000L)} times");
                Assert.Equal(round, samples.Single(s => s.T == Start + round * 1000L).V);
            }
        }
    }

    private static Label[] Labels(int sender, int series) =>
    [
        new Label { Name = "__name__", Value = "crash_test" },
        new Label { Name = "sender", Value = sender.ToString(CultureInfo.InvariantCulture) },
        new Label { Name = "series", Value = series.ToString(CultureInfo.InvariantCulture) },
    ];
}
