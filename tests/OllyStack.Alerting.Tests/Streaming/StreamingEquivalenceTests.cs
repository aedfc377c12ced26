using System.Text;
using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;
using OllyStack.Log;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>
/// The streaming engine against the query engine: random counters and gauges are written to a real durable log and
/// to a reference store; after every batch, each streaming rule's alerts (labels and values) must be exactly what
/// PromQL over the stored data returns at the same time.
/// </summary>
public sealed class StreamingEquivalenceTests : IAsyncLifetime
{
    private const string Tenant = "team-a";

    private static readonly string[] Expressions =
    [
        "sum by (job) (rate(http_requests_total[1m])) > 0.5",
        "increase(http_requests_total[2m]) > 20",
        "avg_over_time(queue_depth[90s]) > 40",
        "max by (job) (max_over_time(queue_depth[30s])) > 60",
        "min_over_time(queue_depth[45s]) < 30",
        "count by (job) (queue_depth > 50) >= 2",
        "quantile_over_time(0.9, queue_depth[2m]) > 70",
        "stddev_over_time(queue_depth[1m]) > 10",
        "sum by (job) (rate(errors_total[1m])) / sum by (job) (rate(http_requests_total[1m])) > 0.2",
        "queue_depth > 50 and on (job, instance) rate(errors_total[1m]) > 0.1",
        "queue_depth > 20 unless queue_depth > 80",
        "changes(queue_depth[1m]) > 3",
        "resets(http_requests_total[2m]) > 0",
        "irate(http_requests_total{job=~\"api|web\"}[1m]) > 1",
        "deriv(queue_depth[1m]) > 0.5",
        "queue_depth offset 30s > 60",
        "absent_over_time(queue_depth{instance=\"gone\"}[1m])",
        "topk(2, queue_depth) > 30",
        "last_over_time(queue_depth{job!=\"db\"}[1m]) > 55",
    ];

    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-streaming-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly InMemorySeriesSource _stored = new();
    private readonly Lock _storing = new();
    private WriteAheadLog _log = null!;
    private RuleStore _rules = null!;
    private RuleEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), Fsync = false });
        var folder = Path.Combine(_directory, "rules", Tenant);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yaml"), RuleFile());
        _rules = new RuleStore(new RuleStoreOptions { DataDirectory = _directory, Fsync = false });
        Assert.Empty(_rules.Reload());
        _engine = new RuleEngine(new RuleEngineOptions
        {
            Rules = _rules,
            Notifier = new IgnoringNotifier(),
            StoredSeries = _ => Snapshot(),
            Stream = _log,
            Time = _time,
            Fsync = false,
            Schedule = false,
        });
        await _engine.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _log.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Streaming_rules_alert_exactly_as_PromQL_over_the_stored_data_on_random_input()
    {
        var group = _rules.For(Tenant).Groups[0];
        Assert.All(group.Rules, rule => Assert.Equal(EvaluationMode.Streaming, _engine.StatusOf(group, rule)!.Mode));
        var random = new Random(20261124);
        var workload = new RandomWorkload(random);
        var firing = new HashSet<string>();
        for (var step = 0; step < 150; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(1_000, 12_000)));
            var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
            await AppendAsync(workload.Step(now));
            await WaitUntilStreamedAsync();

            foreach (var rule in group.Rules)
            {
                var expected = Expected(rule, now);
                var actual = _engine.StatusOf(group, rule)!.Alerts.Select(a => $"{a.Labels} {a.Value:R}").Order().ToList();
                Assert.True(expected.SequenceEqual(actual), $"step {step}, {rule.Query.Text} at {now}:\nPromQL: {string.Join("; ", expected)}\nstream: {string.Join("; ", actual)}");
                if (actual.Count > 0) firing.Add(rule.Name);
            }
        }
        Assert.True(firing.Count >= Expressions.Length - 2, $"only {firing.Count} of the rules ever fired: the input does not exercise them");
    }

    private List<string> Expected(Rule rule, long timeMs)
    {
        var result = (QueryValue)new PromQLEngine(Snapshot()).EvaluateInstant(((PromQLRuleQuery)rule.Query).Expr, timeMs);
        var samples = result is VectorValue vector ? vector.Samples : [];
        return [.. samples.Select(s => $"{s.Labels.WithoutMetricName().With("alertname", rule.Name)} {s.Value:R}").Order()];
    }

    private async Task AppendAsync(IReadOnlyList<(Labels Labels, long TimestampMs, double Value)> samples)
    {
        using var batch = new MetricBatch { Tenant = Tenant };
        foreach (var (labels, timestamp, value) in samples)
        {
            var first = batch.Labels.Count;
            foreach (var label in labels) batch.AddLabel(Encoding.UTF8.GetBytes(label.Name), Encoding.UTF8.GetBytes(label.Value));
            batch.AddSample(batch.EndSeries(first, MetricType.Gauge), timestamp, value);
            lock (_storing) _stored.Append(labels, timestamp, value);
        }
        await _log.AppendAsync(LogTopics.Metrics, BatchCodec.ToArray(batch));
    }

    private async Task WaitUntilStreamedAsync()
    {
        var end = _log.GetEndOffset(LogTopics.Metrics);
        var timeout = TestTimeout.Token;
        while (_engine.StreamedThrough < end) await Task.Delay(2, timeout);
    }

    private InMemorySeriesSource Snapshot()
    {
        lock (_storing)
        {
            var copy = new InMemorySeriesSource();
            foreach (var series in _stored.Find([]))
            {
                var read = _stored.Read([series], long.MinValue, long.MaxValue)[0];
                for (var i = 0; i < read.Timestamps.Length; i++) copy.Append(read.Labels, read.Timestamps.Span[i], read.Values.Span[i]);
            }
            return copy;
        }
    }

    private static string RuleFile() =>
        "groups:\n  - name: equivalence\n    rules:\n" + string.Concat(Expressions.Select((e, i) => $"      - alert: Rule{i}\n        expr: '{e.Replace("'", "''", StringComparison.Ordinal)}'\n"));

    private sealed class IgnoringNotifier : IAlertNotifier
    {
        public void Notify(string tenant, IReadOnlyList<Alert> alerts)
        {
        }
    }
}
