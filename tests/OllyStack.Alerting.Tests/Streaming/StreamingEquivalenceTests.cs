using System.Text;
using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Streaming.Incremental;
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
/// to a reference store; after every batch, each streaming rule's alerts must be exactly those PromQL over the stored
/// data gives at the same time, with the same values (within rounding, or the quantile sketch's accuracy).
/// </summary>
public sealed class StreamingEquivalenceTests : IAsyncLifetime
{
    private const string Tenant = "team-a";

    /// <summary>The rules, and how each runs: most from running window state, the rest by PromQL over the stream's windows.</summary>
    private static readonly (string Expr, EvaluationMode Mode)[] Rules =
    [
        ("sum by (job) (rate(http_requests_total[1m])) > 0.5", EvaluationMode.Incremental),
        ("increase(http_requests_total[2m]) > 20", EvaluationMode.Incremental),
        ("avg_over_time(queue_depth[90s]) > 40", EvaluationMode.Incremental),
        ("max by (job) (max_over_time(queue_depth[30s])) > 60", EvaluationMode.Incremental),
        ("min_over_time(queue_depth[45s]) < 30", EvaluationMode.Incremental),
        ("count by (job) (queue_depth > 50) >= 2", EvaluationMode.Incremental),
        ("quantile_over_time(0.9, queue_depth[2m]) > 70", EvaluationMode.Incremental),
        ("stddev_over_time(queue_depth[1m]) > 10", EvaluationMode.Incremental),
        ("sum by (job) (rate(errors_total[1m])) / sum by (job) (rate(http_requests_total[1m])) > 0.2", EvaluationMode.Incremental),
        ("queue_depth > 50 and on (job, instance) rate(errors_total[1m]) > 0.1", EvaluationMode.Incremental),
        ("queue_depth > 20 unless queue_depth > 80", EvaluationMode.Incremental),
        ("changes(queue_depth[1m]) > 3", EvaluationMode.Incremental),
        ("resets(http_requests_total[2m]) > 0", EvaluationMode.Incremental),
        ("irate(http_requests_total{job=~\"api|web\"}[1m]) > 1", EvaluationMode.Incremental),
        ("queue_depth offset 30s > 60", EvaluationMode.Incremental),
        ("last_over_time(queue_depth{job!=\"db\"}[1m]) > 55", EvaluationMode.Incremental),
        ("histogram_quantile(0.9, sum by (le, job) (rate(latency_seconds_bucket[1m]))) > 0.6", EvaluationMode.Incremental),
        ("sum_over_time(errors_total[30s]) - count_over_time(errors_total[30s]) > 100", EvaluationMode.Incremental),
        ("delta(queue_depth[1m]) < -30 or idelta(queue_depth[1m]) > 60", EvaluationMode.Incremental),
        ("avg by (job) (queue_depth) > 50 unless on (job) group by (job) (present_over_time(errors_total{instance=\"c\"}[20s]))", EvaluationMode.Incremental),
        ("-min without (instance) (queue_depth) > -10", EvaluationMode.Incremental),
        ("stdvar_over_time(queue_depth[2m] offset 10s) > 900", EvaluationMode.Incremental),
        ("deriv(queue_depth[1m]) > 0.5", EvaluationMode.Streaming),
        ("absent_over_time(queue_depth{instance=\"gone\"}[1m])", EvaluationMode.Streaming),
        ("topk(2, queue_depth) > 30", EvaluationMode.Streaming),
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
    public async Task Streaming_rules_alert_as_PromQL_over_the_stored_data_on_random_input()
    {
        var group = _rules.For(Tenant).Groups[0];
        Assert.Equal(Rules.Select(r => r.Mode), group.Rules.Select(rule => _engine.StatusOf(group, rule)!.Mode));
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
                var actual = _engine.StatusOf(group, rule)!.Alerts.ToDictionary(a => a.Labels, a => a.Value);
                var message = $"step {step}, {rule.Query.Text} at {now}:\nPromQL: {Describe(expected)}\nstream: {Describe(actual)}";
                Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()), message);
                var tolerance = rule.Query.Text.Contains("quantile_over_time", StringComparison.Ordinal) ? 2 * QuantileSketch.RelativeAccuracy : 1e-9;
                Assert.All(expected, e => Assert.True(Close(e.Value, actual[e.Key], tolerance), message));
                if (actual.Count > 0) firing.Add(rule.Name);
            }
        }
        Assert.True(firing.Count >= Rules.Length - 2, $"only {firing.Count} of the rules ever fired: the input does not exercise them");
    }

    /// <summary>
    /// Equal within a relative tolerance: running sums round differently from a pass over the window, and the quantile
    /// sketch answers within its accuracy; the alerts themselves must be the same.
    /// </summary>
    private static bool Close(double expected, double actual, double tolerance) =>
        expected.Equals(actual) || Math.Abs(expected - actual) <= tolerance * Math.Max(Math.Abs(expected), 1e-9);

    private static string Describe(Dictionary<Labels, double> alerts) => string.Join("; ", alerts.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value:R}"));

    private Dictionary<Labels, double> Expected(Rule rule, long timeMs)
    {
        var result = (QueryValue)new PromQLEngine(Snapshot()).EvaluateInstant(((PromQLRuleQuery)rule.Query).Expr, timeMs);
        var samples = result is VectorValue vector ? vector.Samples : [];
        return samples.ToDictionary(s => s.Labels.WithoutMetricName().With("alertname", rule.Name), s => s.Value);
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
        "groups:\n  - name: equivalence\n    rules:\n" + string.Concat(Rules.Select((r, i) => $"      - alert: Rule{i}\n        expr: '{r.Expr.Replace("'", "''", StringComparison.Ordinal)}'\n"));
}
