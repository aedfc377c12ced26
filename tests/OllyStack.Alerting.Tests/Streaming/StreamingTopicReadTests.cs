using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Core.Durability;
using OllyStack.Log;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>
/// The stream reads the metrics topic only while some rule streams from it. A record that cannot be decoded shows
/// whether it was read: it is passed over while no rule streams, and reported once one does.
/// </summary>
public sealed class StreamingTopicReadTests : IAsyncLifetime
{
    private const string Tenant = "team-a";
    private static readonly byte[] Undecodable = [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF];

    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-streaming-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly ConcurrentQueue<string> _warnings = new();
    private WriteAheadLog _log = null!;
    private RuleStore _rules = null!;
    private RuleEngine _engine = null!;

    public async Task InitializeAsync()
    {
        _log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), Fsync = false });
        _rules = new RuleStore(new RuleStoreOptions { DataDirectory = _directory, Fsync = false });
        _engine = new RuleEngine(new RuleEngineOptions
        {
            Rules = _rules,
            Notifier = new IgnoringNotifier(),
            StoredSeries = _ => new InMemorySeriesSource(),
            Stream = _log,
            Time = _time,
            Warn = _warnings.Enqueue,
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
    public async Task A_metrics_record_is_decoded_only_while_a_rule_streams_from_the_topic()
    {
        await _log.AppendAsync(LogTopics.Metrics, Undecodable);
        var end = _log.GetEndOffset(LogTopics.Metrics);
        var timeout = TestTimeout.Token;
        while (_engine.StreamedThrough < end) await TickAsync(timeout);
        Assert.Empty(_warnings);

        await LoadRulesAsync("groups:\n  - name: up\n    rules:\n      - alert: Down\n        expr: up == 0\n");
        var group = _rules.For(Tenant).Groups[0];
        Assert.NotEqual(EvaluationMode.Interval, _engine.StatusOf(group, group.Rules[0])!.Mode);
        // The stream evaluates a rule as it attaches it; from then on it reads what is appended.
        while (_engine.StatusOf(group, group.Rules[0])!.LastEvaluation is null) await TickAsync(timeout);
        await _log.AppendAsync(LogTopics.Metrics, Undecodable);
        while (_warnings.IsEmpty) await TickAsync(timeout);
        Assert.Contains(_warnings, w => w.StartsWith("streaming rule evaluation:", StringComparison.Ordinal));
    }

    /// <summary>Moves the clock a tick on, which wakes the stream's wait, and gives its thread a moment.</summary>
    private async Task TickAsync(CancellationToken timeout)
    {
        _time.Advance(TimeSpan.FromSeconds(1));
        await Task.Delay(2, timeout);
    }

    private async Task LoadRulesAsync(string rules)
    {
        var folder = Path.Combine(_directory, "rules", Tenant);
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yaml"), rules);
        Assert.Empty(_rules.Reload());
        var version = _rules.Version;
        var timeout = TestTimeout.Token;
        while (_engine.AppliedVersion(Tenant) < version) await Task.Delay(5, timeout);
    }
}
