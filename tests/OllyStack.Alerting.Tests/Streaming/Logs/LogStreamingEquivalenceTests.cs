using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Logs;
using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Streaming.Logs;

/// <summary>
/// Log rules on the stream against LogQL over the log store: random request logs go through a real durable log to the
/// real log store and to the streaming engine; after every step, each rule's alerts must be exactly those LogQL over
/// the store gives at the same time, with the same values. The engine starts after some lines are stored (its rules
/// are seeded from the store), and the rule group changes midway: its rules join again while the store holds lines
/// the stream has yet to deliver, which must not count twice.
/// </summary>
public sealed class LogStreamingEquivalenceTests : IAsyncLifetime
{
    private const string Tenant = "team-a";
    private const int Steps = 150;
    private const int EngineStartsAt = 10;
    private const int GroupChangesAt = 80;

    private static readonly string[] Rules =
    [
        """sum by (service_name) (count_over_time({level="error"} |= "timeout" [1m])) > 2""",
        """rate({service_name="api"}[30s]) > 0.15""",
        """sum(bytes_over_time({service_name=~"api|web"}[1m])) > 2500""",
        """count_over_time({service_name="web"} | logfmt | status >= 500 [1m]) > 1""",
        """max_over_time({service_name="db"} | logfmt | unwrap latency_ms [1m]) by (service_name) > 400""",
        """sum(count_over_time({service_name="api", level="error"}[1m])) / sum(count_over_time({service_name="api"}[1m])) > 0.3""",
        """absent_over_time({service_name="gone"}[1m])""",
        """topk(1, sum by (service_name) (rate({level=~"warn|error"}[1m]))) > 0.05""",
        """bytes_rate({service_name="web"} |~ "GET|POST" [20s]) > 20""",
        """count_over_time({service_name="api"}[30s] offset 10s) > 3""",
        """quantile_over_time(0.9, {service_name=~".+"} | logfmt | unwrap latency_ms [1m]) by (service_name) > 300""",
        """sum by (method) (count_over_time({service_name=~"api|web"} | logfmt [1m])) > 4""",
        // Every line fails to unwrap: the rule errs while its window holds a line, as LogQL over the store does.
        """max_over_time({service_name="api"} | logfmt | unwrap msg [20s]) > 0""",
    ];

    private static readonly string AddedMidway = """count_over_time({level="warn"}[45s]) > 1""";

    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-log-streaming-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private WriteAheadLog _log = null!;
    private LogsStore _store = null!;
    private LogsStorageWriter _writer = null!;
    private RuleStore _rules = null!;
    private RuleEngine _engine = null!;
    private StoreAheadOfTheStream _seedSource = null!;

    public async Task InitializeAsync()
    {
        _log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), Fsync = false });
        _store = LogsStore.Open(new LogsStoreOptions { Directory = Path.Combine(_directory, "logs"), FlushInterval = TimeSpan.FromHours(1) });
        _writer = new LogsStorageWriter(_log, _store);
        Directory.CreateDirectory(Path.Combine(_directory, "rules", Tenant));
        await WriteRulesAsync(Rules);
        _rules = new RuleStore(new RuleStoreOptions { DataDirectory = _directory, Fsync = false });
        Assert.Empty(_rules.Reload());
        _engine = new RuleEngine(new RuleEngineOptions
        {
            Rules = _rules,
            Notifier = new IgnoringNotifier(),
            StoredSeries = _ => new InMemorySeriesSource(),
            Logs = _seedSource = new StoreAheadOfTheStream(new StoredLogSource(_store)),
            LogsWriter = _writer,
            Stream = _log,
            Time = _time,
            Fsync = false,
            Schedule = false,
        });
    }

    public async Task DisposeAsync()
    {
        await _engine.DisposeAsync();
        await _writer.DisposeAsync();
        _store.Dispose();
        await _log.DisposeAsync();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public async Task Log_rules_on_the_stream_alert_as_LogQL_over_the_store_on_random_input()
    {
        var random = new Random(20261124);
        var workload = new RandomLogWorkload(random);
        var fired = new HashSet<string>();
        var erred = 0;
        for (var step = 0; step < Steps; step++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(random.Next(1_000, 12_000)));
            var now = _time.GetUtcNow();
            if (step == EngineStartsAt) await _engine.StartAsync();
            if (step == GroupChangesAt)
            {
                _seedSource.BeforeNextRead(() => StoreAheadAsync(workload.Step(now.ToUnixTimeMilliseconds() * 1_000_000)).GetAwaiter().GetResult());
                await ChangeGroupAsync();
            }
            await AppendAsync(workload.Step(now.ToUnixTimeMilliseconds() * 1_000_000));
            if (step < EngineStartsAt) continue;

            var group = _rules.For(Tenant).Groups[0];
            await WaitUntilEvaluatedAsync(group, now);
            foreach (var rule in group.Rules)
            {
                var status = _engine.StatusOf(group, rule)!;
                Assert.Equal(EvaluationMode.Incremental, status.Mode);
                if (Error(rule, now) is { } error)
                {
                    Assert.Equal((RuleHealth.Err, error), (status.Health, status.LastError));
                    erred++;
                    continue;
                }
                Assert.Equal(RuleHealth.Ok, status.Health);
                var expected = Expected(rule, now);
                var actual = status.Alerts.ToDictionary(a => a.Labels, a => a.Value);
                var message = $"step {step}, {rule.Query.Text} at {now:O}:\nstore: {Describe(expected)}\nstream: {Describe(actual)}";
                Assert.True(expected.Keys.Order().SequenceEqual(actual.Keys.Order()), message);
                Assert.All(expected, e => Assert.True(e.Value.Equals(actual[e.Key]) || Math.Abs(e.Value - actual[e.Key]) <= 1e-9 * Math.Abs(e.Value), message));
                if (actual.Count > 0) fired.Add(rule.Query.Text);
            }
        }
        Assert.True(fired.Count >= Rules.Length - 2, $"only {fired.Count} of the rules ever fired: the input does not exercise them");
        Assert.InRange(erred, 1, Steps - EngineStartsAt - 1);
    }

    /// <summary>Why LogQL over the store fails the rule at <paramref name="now"/>, if it does.</summary>
    private string? Error(Rule rule, DateTimeOffset now)
    {
        try
        {
            Expected(rule, now);
            return null;
        }
        catch (LogQLEvaluationException e)
        {
            return e.Message;
        }
    }

    private Dictionary<Labels, double> Expected(Rule rule, DateTimeOffset now)
    {
        var result = new LogQLEngine(new StoredLogSource(_store)).QueryInstant(Tenant, ((LogQLRuleQuery)rule.Query).Expr, now.ToUnixTimeMilliseconds() * 1_000_000);
        var samples = result is VectorValue vector ? vector.Samples : [];
        return samples.ToDictionary(s => s.Labels.With("alertname", rule.Name), s => s.Value);
    }

    private static string Describe(Dictionary<Labels, double> alerts) => string.Join("; ", alerts.OrderBy(a => a.Key).Select(a => $"{a.Key} {a.Value:R}"));

    private async Task AppendAsync(IReadOnlyList<(string Resource, LogRecordSpec[] Lines)> batches)
    {
        foreach (var (resource, lines) in batches)
        {
            using var batch = LogBatches.Of(Tenant, resource, lines);
            await _log.AppendAsync(LogTopics.Logs, BatchCodec.ToArray(batch));
        }
    }

    /// <summary>Lines the store holds before the seed reads it, while the stream, busy seeding, has yet to read them.</summary>
    private async Task StoreAheadAsync(IReadOnlyList<(string Resource, LogRecordSpec[] Lines)> batches)
    {
        await AppendAsync(batches);
        await _writer.WaitUntilAppliedAsync(_log.GetEndOffset(LogTopics.Logs), TestTimeout.Token);
    }

    /// <summary>Until the store holds every line, the stream has offered them, and every rule has been evaluated at <paramref name="now"/>.</summary>
    private async Task WaitUntilEvaluatedAsync(RuleGroup group, DateTimeOffset now)
    {
        var end = _log.GetEndOffset(LogTopics.Logs);
        var timeout = TestTimeout.Token;
        await _writer.WaitUntilAppliedAsync(end, timeout);
        while (_engine.LogsStreamedThrough < end || group.Rules.Any(r => _engine.StatusOf(group, r)?.LastEvaluation is not { } last || last < now))
            await Task.Delay(2, timeout);
    }

    /// <summary>Adds a rule to the group: the engine restarts it, and its rules join the stream again while lines flow.</summary>
    private async Task ChangeGroupAsync()
    {
        await WriteRulesAsync([.. Rules, AddedMidway]);
        Assert.Empty(_rules.Reload());
        var timeout = TestTimeout.Token;
        while (_engine.AppliedVersion(Tenant) < _rules.For(Tenant).Version || _seedSource.IsArmed) await Task.Delay(2, timeout);
    }

    private Task WriteRulesAsync(IEnumerable<string> exprs) =>
        File.WriteAllTextAsync(Path.Combine(_directory, "rules", Tenant, "rules.yaml"),
            "groups:\n  - name: logs\n    query_language: logql\n    rules:\n" + string.Concat(exprs.Select((e, i) => $"      - alert: Rule{i}\n        expr: '{e.Replace("'", "''", StringComparison.Ordinal)}'\n")));

    /// <summary>The log store as the engine's seeds read it, with a hook that runs once before the next read.</summary>
    private sealed class StoreAheadOfTheStream(ILogSource store) : ILogSource
    {
        private Action? _beforeNextRead;

        public bool IsArmed => Volatile.Read(ref _beforeNextRead) is not null;

        public void BeforeNextRead(Action action) => Volatile.Write(ref _beforeNextRead, action);

        public IEnumerable<LogEntry> Read(LogRead read, CancellationToken cancellationToken)
        {
            Interlocked.Exchange(ref _beforeNextRead, null)?.Invoke();
            return store.Read(read, cancellationToken);
        }
    }
}
