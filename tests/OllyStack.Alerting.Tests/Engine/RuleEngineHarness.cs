using System.Collections.Concurrent;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Engine;

/// <summary>
/// A rule engine over a real rule store and state folder, series held in memory, and a notifier and sample sink that
/// record what they get. The test drives each evaluation itself at the time it chooses.
/// </summary>
internal sealed class RuleEngineHarness : IAsyncDisposable
{
    public const string Tenant = "team-a";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private readonly List<(Labels Labels, long TimestampMs, double Value)> _samples = [];

    public RuleEngineHarness(string? directory = null)
    {
        Directory = directory ?? System.IO.Directory.CreateTempSubdirectory("ollystack-engine-").FullName;
        Store = new RuleStore(new RuleStoreOptions { DataDirectory = Directory, Fsync = false });
        Engine = NewEngine();
    }

    public string Directory { get; }

    public RuleStore Store { get; }

    public RuleEngine Engine { get; private set; }

    public ConcurrentQueue<Alert> Notified { get; } = new();

    public RecordingSink Written { get; } = new();

    public string StateDirectory => Path.Combine(Directory, "alerting", "state");

    public async Task StartAsync(string rules)
    {
        var folder = Path.Combine(Directory, "rules", Tenant);
        System.IO.Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "rules.yaml"), rules);
        Assert.Empty(Store.Reload());
        await Engine.StartAsync();
    }

    /// <summary>A new engine over the same folders, as after a restart.</summary>
    public async Task RestartAsync()
    {
        await Engine.DisposeAsync();
        Engine = NewEngine();
        await Engine.StartAsync();
    }

    /// <summary>Adds a sample, its series written as PromQL writes it (<c>up{instance="a"}</c>).</summary>
    public void Add(string series, DateTimeOffset time, double value)
    {
        var selector = (VectorSelector)PromQLParser.Parse(series);
        var labels = Labels.Of(selector.SeriesMatchers().Select(m => (m.Name, m.Value)));
        lock (_samples) _samples.Add((labels, time.ToUnixTimeMilliseconds(), value));
    }

    public Task EvaluateAsync(string group, DateTimeOffset time) => Engine.EvaluateGroupAsync(Tenant, group, time.ToUnixTimeMilliseconds());

    /// <summary>Waits until the engine runs the tenant's current rules (changes reach it asynchronously).</summary>
    public async Task WaitForRulesAsync()
    {
        var version = Store.Version;
        var timeout = TestTimeout.Token;
        while (Engine.AppliedVersion(Tenant) < version) await Task.Delay(5, timeout);
    }

    public List<Alert> TakeNotified()
    {
        var taken = new List<Alert>();
        while (Notified.TryDequeue(out var alert)) taken.Add(alert);
        return taken;
    }

    public async ValueTask DisposeAsync()
    {
        await Engine.DisposeAsync();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private RuleEngine NewEngine() => new(new RuleEngineOptions
    {
        Rules = Store,
        Notifier = new QueueNotifier(Notified),
        StoredSeries = _ => Snapshot(),
        Samples = Written,
        StateDirectory = StateDirectory,
        ExternalUrl = "http://ollystack.example:8080",
        Fsync = false,
        Schedule = false,
    });

    private InMemorySeriesSource Snapshot()
    {
        var source = new InMemorySeriesSource();
        lock (_samples)
            foreach (var (labels, time, value) in _samples.OrderBy(s => s.TimestampMs)) source.Append(labels, time, value);
        return source;
    }

    private sealed class QueueNotifier(ConcurrentQueue<Alert> queue) : IAlertNotifier
    {
        public void Notify(string tenant, IReadOnlyList<Alert> alerts)
        {
            Assert.Equal(Tenant, tenant);
            foreach (var alert in alerts) queue.Enqueue(alert);
        }
    }

    public sealed class RecordingSink : IRuleSampleSink
    {
        private readonly List<RuleSample> _samples = [];

        public IReadOnlyList<RuleSample> At(DateTimeOffset time)
        {
            lock (_samples) return [.. _samples.Where(s => s.TimestampMs == time.ToUnixTimeMilliseconds())];
        }

        public ValueTask WriteAsync(string tenant, IReadOnlyList<RuleSample> samples, CancellationToken cancellationToken)
        {
            Assert.Equal(Tenant, tenant);
            lock (_samples) _samples.AddRange(samples);
            return ValueTask.CompletedTask;
        }
    }
}
