using System.Collections.Concurrent;
using System.Threading.Channels;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Streaming;
using OllyStack.Alerting.Streaming.Incremental;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// Runs every tenant's rules: follows the rule store (a reload or an API change takes effect at once; rules that did
/// not change keep their alerts), evaluates rules that can stream on the metrics and logs streams as their data arrives
/// and the others on their group's loop every interval, hands firing and resolved
/// alerts to the notifier, writes recorded samples and ALERTS series back to the metrics topic, and keeps each
/// group's alert state on disk so a restart resumes it.
/// </summary>
public sealed class RuleEngine : IRuleStatusSource, IAsyncDisposable
{
    private readonly RuleEngineOptions _options;
    private readonly RuleQueryEvaluator _evaluator;
    private readonly Channel<TenantRules> _changes = Channel.CreateUnbounded<TenantRules>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly Dictionary<(string Tenant, string Group), GroupLoop> _loops = [];
    private readonly ConcurrentDictionary<string, long> _appliedVersions = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<Rule, RuleRunner> _runners = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<RuleGroup, GroupRunner> _groups = new(ReferenceEqualityComparer.Instance);
    private readonly Channel<(GroupRunner Group, RuleOutput Output)> _streamed = Channel.CreateUnbounded<(GroupRunner, RuleOutput)>(new UnboundedChannelOptions { SingleReader = true });
    private readonly StreamingEvaluator? _streaming;
    private Task _following = Task.CompletedTask;
    private Task _writing = Task.CompletedTask;

    public RuleEngine(RuleEngineOptions options)
    {
        _options = options;
        _evaluator = new RuleQueryEvaluator(options.PromQL, options.Logs);
        if (options.Stream is { } log)
            _streaming = new StreamingEvaluator(new StreamingOptions(
                log, _evaluator, options.StoredSeries, options.Logs, options.LogsWriter, ContextOf, DeliverStreamed, options.Time, options.Rules.DefaultInterval, options.PromQL.LookbackDelta, options.Warn));
    }

    /// <summary>Loads every tenant's rules and starts evaluating them; later changes to the store follow on their own.</summary>
    public async Task StartAsync()
    {
        _options.Rules.Changed += OnChanged;
        _streaming?.Start();
        _writing = WriteStreamedAsync();
        foreach (var tenant in _options.Rules.Tenants) await ApplyAsync(_options.Rules.For(tenant)).ConfigureAwait(false);
        _following = FollowAsync(_stopping.Token);
    }

    public RuleStatus? StatusOf(RuleGroup group, Rule rule) => _runners.TryGetValue(rule, out var runner) ? runner.Status() : null;

    public RuleGroupStatus? StatusOf(RuleGroup group) => _groups.TryGetValue(group, out var runner) ? runner.Status : null;

    public async ValueTask DisposeAsync()
    {
        _options.Rules.Changed -= OnChanged;
        _changes.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _following.ConfigureAwait(false);
        foreach (var loop in _loops.Values) await loop.StopAsync().ConfigureAwait(false);
        _loops.Clear();
        if (_streaming is not null) await _streaming.DisposeAsync().ConfigureAwait(false);
        _streamed.Writer.TryComplete();
        await _writing.ConfigureAwait(false);
        _stopping.Dispose();
    }

    private void OnChanged(TenantRules rules) => _changes.Writer.TryWrite(rules);

    private async Task FollowAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var rules in _changes.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false)) await ApplyAsync(rules).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Brings the tenant's running groups in line with <paramref name="rules"/>: unchanged groups keep running, changed
    /// ones restart with the runners of the rules they kept, removed ones stop. Snapshots older than one already
    /// applied (the store announces changes while this engine starts) are ignored.
    /// </summary>
    private async Task ApplyAsync(TenantRules rules)
    {
        if (_appliedVersions.GetValueOrDefault(rules.Tenant, -1) >= rules.Version) return;
        var wanted = rules.Groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
        foreach (var ((tenant, name), loop) in _loops.Where(l => l.Key.Tenant == rules.Tenant).ToList())
        {
            if (wanted.TryGetValue(name, out var group) && ReferenceEquals(group, loop.Runner.Group)) continue;
            _loops.Remove((tenant, name));
            await RetireAsync(loop, keep: group).ConfigureAwait(false);
        }
        foreach (var group in rules.Groups)
            if (!_loops.ContainsKey((group.Tenant, group.Name))) Launch(group);
        _appliedVersions[rules.Tenant] = rules.Version;
    }

    private void Launch(RuleGroup group)
    {
        var fresh = new List<RuleRunner>();
        var runners = group.Rules.Select(rule => _runners.GetOrAdd(rule, r =>
        {
            var runner = new RuleRunner(r, ModeOf(r));
            fresh.Add(runner);
            return runner;
        })).ToList();
        var runner = new GroupRunner(group, runners, group.Interval ?? _options.Rules.DefaultInterval);
        if (_options.StateDirectory is { } directory && fresh.Count > 0 && AlertStateFile.Restore(StatePath(group), fresh) is { } problem)
            _options.Warn(problem);
        _groups[group] = runner;
        var loop = new GroupLoop(runner, EvaluateAsync, _options.Time, _options.Warn);
        _loops[(group.Tenant, group.Name)] = loop;
        if (_options.Schedule) loop.Start(_stopping.Token);
        if (runners.Any(r => r.Mode != EvaluationMode.Interval)) _streaming!.Join(runner);
    }

    private EvaluationMode ModeOf(Rule rule)
    {
        if (_streaming is null || StreamingPlan.For(rule.Query, _options.PromQL.LookbackDelta) is not { } plan) return EvaluationMode.Interval;
        if (plan.ReadsLogs) return EvaluationMode.Incremental;
        return IncrementalQuery.For(rule.Query, _options.PromQL.LookbackDelta) is null ? EvaluationMode.Streaming : EvaluationMode.Incremental;
    }

    /// <summary>The version of the tenant's rules (<see cref="TenantRules.Version"/>) the engine runs.</summary>
    internal long AppliedVersion(string tenant) => _appliedVersions.GetValueOrDefault(tenant);

    /// <summary>The metrics log offset below which the stream has evaluated every record (0 without streaming).</summary>
    internal long StreamedThrough => _streaming?.EvaluatedThrough ?? 0;

    /// <summary>The logs topic offset below which the stream has evaluated every record (0 without streaming).</summary>
    internal long LogsStreamedThrough => _streaming?.LogsEvaluatedThrough ?? 0;

    /// <summary>Evaluates a group's interval-mode rules at <paramref name="timeMs"/>, as its loop would.</summary>
    internal Task EvaluateGroupAsync(string tenant, string group, long timeMs) =>
        EvaluateAsync(_loops[(tenant, group)].Runner, timeMs, _stopping.Token);

    /// <summary>Stops a group's loop; its runners go unless <paramref name="keep"/>, the group's next version, still has their rules.</summary>
    private async Task RetireAsync(GroupLoop loop, RuleGroup? keep)
    {
        await loop.StopAsync().ConfigureAwait(false);
        _streaming?.Leave(loop.Runner);
        _groups.TryRemove(loop.Runner.Group, out _);
        var kept = keep?.Rules.ToHashSet(ReferenceEqualityComparer.Instance) ?? [];
        foreach (var runner in loop.Runner.Rules)
            if (!kept.Contains(runner.Rule)) _runners.TryRemove(runner.Rule, out _);
        if (keep is null && _options.StateDirectory is not null) File.Delete(StatePath(loop.Runner.Group));
    }

    private async Task EvaluateAsync(GroupRunner group, long timeMs, CancellationToken cancellationToken)
    {
        var output = new RuleOutput();
        group.EvaluateInterval(timeMs, _options.StoredSeries(group.Group.Tenant), _evaluator, ContextOf(group), output, cancellationToken);
        await DeliverAsync(group, output, cancellationToken).ConfigureAwait(false);
    }

    private RuleContext ContextOf(GroupRunner group) => new(_options.ExternalUrl, _options.ResendDelay, group.Interval);

    /// <summary>From the stream's thread: notifies at once; samples and state are written behind it, in order.</summary>
    private void DeliverStreamed(GroupRunner group, RuleOutput output)
    {
        if (output.Alerts.Count > 0) _options.Notifier.Notify(group.Group.Tenant, output.Alerts);
        output.Alerts.Clear();
        // Most evaluations of a busy stream change nothing worth writing; only the others queue behind.
        if (!output.IsEmpty || (_options.StateDirectory is not null && group.HasUnsavedChanges)) _streamed.Writer.TryWrite((group, output));
    }

    private async Task WriteStreamedAsync()
    {
        await foreach (var (group, output) in _streamed.Reader.ReadAllAsync().ConfigureAwait(false))
            await DeliverAsync(group, output, CancellationToken.None).ConfigureAwait(false);
    }

    /// <summary>Notifies first (the alert must not wait for anything), then writes the samples and saves the state.</summary>
    private async Task DeliverAsync(GroupRunner group, RuleOutput output, CancellationToken cancellationToken)
    {
        var tenant = group.Group.Tenant;
        if (output.Alerts.Count > 0) _options.Notifier.Notify(tenant, output.Alerts);
        try
        {
            if (_options.Samples is { } sink && output.Samples.Count > 0) await sink.WriteAsync(tenant, output.Samples, cancellationToken).ConfigureAwait(false);
            if (_options.StateDirectory is not null) group.SaveIfChanged(StatePath(group.Group), _options.Fsync);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _options.Warn($"rule group {group.Group.Name} of tenant {tenant}: {e.Message}");
        }
    }

    private string StatePath(RuleGroup group) => AlertStateFile.PathOf(_options.StateDirectory!, group);
}
