using System.Collections.Concurrent;
using System.Diagnostics;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// Runs streaming rules on the metrics topic of the durable log: every durable sample goes, through the selectors its
/// series matches, to the rules that read it, into the windows those rules need, and each rule an incoming batch
/// touched is re-evaluated at once, before the storage writer has even seen the sample. A tick (the default group
/// interval) also evaluates every streaming rule, so time alone moves alerts along (<c>for</c>, data that stops),
/// and slides the windows. One thread feeds and evaluates; groups join and leave through a queue it drains.
/// </summary>
internal sealed class StreamingEvaluator : IAsyncDisposable
{
    public const string ConsumerGroup = "alerting-stream";

    private const int MaxRecordsPerRead = 64;
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(5);

    /// <summary>How far ahead of the clock a sample may move evaluation time (clients' clocks drift).</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(5);

    private readonly StreamingOptions _options;
    private readonly ILogConsumer _consumer;
    private readonly ConcurrentQueue<(GroupRunner Group, bool Join)> _changes = new();
    private readonly Dictionary<string, StreamTenant> _tenants = new(StringComparer.Ordinal);
    private readonly HashSet<StreamedRule> _dirty = [];
    private readonly MetricBatch _batch = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private long _evaluatedThrough;

    public StreamingEvaluator(StreamingOptions options)
    {
        _options = options;
        _consumer = options.Log.OpenConsumer(LogTopics.Metrics, ConsumerGroup);
    }

    /// <summary>Streams from what is durable now on: older samples come from the store when a rule joins.</summary>
    public void Start()
    {
        _consumer.Seek(_options.Log.GetEndOffset(LogTopics.Metrics));
        _running = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>The log offset below which every record has been offered and the rules it reached evaluated.</summary>
    public long EvaluatedThrough => Volatile.Read(ref _evaluatedThrough);

    /// <summary>Starts streaming the group's streaming-mode rules.</summary>
    public void Join(GroupRunner group) => _changes.Enqueue((group, true));

    /// <summary>Stops streaming the group's rules.</summary>
    public void Leave(GroupRunner group) => _changes.Enqueue((group, false));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        foreach (var tenant in _tenants.Values) tenant.Dispose();
        _batch.Dispose();
        _stopping.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var nextTick = Now();
        var nextCommit = Now() + (long)CommitInterval.TotalMilliseconds;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                ApplyChanges();
                foreach (var record in await ReadAsync(nextTick - Now(), cancellationToken).ConfigureAwait(false)) Offer(record.Payload.Span);
                EvaluateDirty();
                Volatile.Write(ref _evaluatedThrough, _consumer.Position);
                if (Now() >= nextTick)
                {
                    Tick();
                    nextTick = Math.Max(nextTick + (long)_options.Tick.TotalMilliseconds, Now());
                }
                if (Now() >= nextCommit)
                {
                    await _consumer.CommitAsync(_consumer.Position, cancellationToken).ConfigureAwait(false);
                    nextCommit = Now() + (long)CommitInterval.TotalMilliseconds;
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (Exception e)
            {
                // A failure that repeats (a damaged record, a store that cannot be read) is reported once a tick, not in a spin.
                _options.Warn($"streaming rule evaluation: {e.Message}");
                await Task.Delay(_options.Tick, _options.Time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Waits for durable records until the next tick at most.</summary>
    private async Task<IReadOnlyList<ConsumedRecord>> ReadAsync(long waitMs, CancellationToken cancellationToken)
    {
        if (waitMs <= 0) waitMs = 1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(waitMs), _options.Time);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await _consumer.ReadAsync(MaxRecordsPerRead, read.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return [];
        }
    }

    /// <summary>Hands each sample of a metrics record to its tenant's windows and marks the rules it reaches.</summary>
    private void Offer(ReadOnlySpan<byte> payload)
    {
        BatchCodec.Read(payload, _batch);
        if (!_tenants.TryGetValue(_batch.Tenant, out var tenant)) return;
        var series = _batch.SampleSeries.Span;
        var timestamps = _batch.SampleTimestamps.Span;
        var values = _batch.SampleValues.Span;
        for (var i = 0; i < series.Length; i++)
        {
            var labels = tenant.Labels.Get(_batch, series[i]);
            var value = values[i];
            if ((_batch.Series[series[i]].Flags & SeriesFlags.Delta) != 0 && double.IsFinite(value)) value += tenant.Source.Latest(labels) ?? 0;
            var keys = tenant.Source.Offer(labels, timestamps[i], value);
            if (keys.Count == 0) continue;
            tenant.NewestSampleMs = Math.Max(tenant.NewestSampleMs, timestamps[i]);
            foreach (var key in keys)
                foreach (var rule in tenant.Watchers[key]) _dirty.Add(rule);
        }
    }

    private void EvaluateDirty()
    {
        if (_dirty.Count == 0) return;
        foreach (var byTenant in _dirty.GroupBy(r => r.Group.Group.Tenant)) Evaluate(_tenants[byTenant.Key], byTenant, alertSeries: false);
        _dirty.Clear();
    }

    private void Tick()
    {
        var now = Now();
        foreach (var tenant in _tenants.Values)
        {
            Evaluate(tenant, tenant.Rules, alertSeries: true);
            tenant.Source.Trim(now - (long)MaxClockSkew.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Evaluates rules of one tenant at one time — the clock, or the newest sample if a client's clock runs a little
    /// ahead — in group order, and delivers each group's output.
    /// </summary>
    private void Evaluate(StreamTenant tenant, IEnumerable<StreamedRule> rules, bool alertSeries)
    {
        var now = Now();
        var timeMs = Math.Max(tenant.LastEvaluationMs, Math.Max(now, Math.Min(tenant.NewestSampleMs, now + (long)MaxClockSkew.TotalMilliseconds)));
        tenant.LastEvaluationMs = timeMs;
        foreach (var group in rules.GroupBy(r => r.Group))
        {
            var started = Stopwatch.GetTimestamp();
            var output = new RuleOutput();
            var context = _options.Context(group.Key);
            foreach (var rule in group.OrderBy(r => r.Position)) rule.Runner.Evaluate(group.Key.Group, timeMs, () => Query(rule, tenant, timeMs), context, output, alertSeries);
            group.Key.RecordEvaluation(timeMs, Stopwatch.GetElapsedTime(started));
            if (!output.IsEmpty) _options.Deliver(group.Key, output);
        }
    }

    private IReadOnlyList<Sample> Query(StreamedRule rule, StreamTenant tenant, long timeMs) =>
        rule.Incremental is { } incremental
            ? incremental.Evaluate(timeMs)
            : _options.Evaluator.Evaluate(rule.Runner.Rule.Query, tenant.Name, tenant.Source, timeMs, _stopping.Token);

    private void ApplyChanges()
    {
        while (_changes.TryDequeue(out var change))
        {
            if (change.Join) Attach(change.Group);
            else Detach(change.Group);
        }
    }

    private void Attach(GroupRunner group)
    {
        var name = group.Group.Tenant;
        if (!_tenants.TryGetValue(name, out var tenant)) _tenants[name] = tenant = new StreamTenant(name);
        for (var position = 0; position < group.Rules.Count; position++)
        {
            var runner = group.Rules[position];
            if (runner.Mode == EvaluationMode.Interval) continue;
            var plan = StreamingPlan.For(runner.Rule.Query, _options.Lookback)!;
            var keys = plan.Selectors.Select(s => tenant.Source.Watch(s.Matchers, s.WindowMs)).ToList();
            var incremental = runner.Mode == EvaluationMode.Incremental ? IncrementalQuery.For(runner.Rule.Query, _options.Lookback) : null;
            incremental?.Bind(tenant.Source);
            var rule = new StreamedRule(group, runner, position, plan, keys, incremental);
            foreach (var key in keys.Distinct())
            {
                if (!tenant.Watchers.TryGetValue(key, out var watchers)) tenant.Watchers[key] = watchers = [];
                watchers.Add(rule);
            }
            tenant.Rules.Add(rule);
            Seed(tenant, plan);
            _dirty.Add(rule);
        }
    }

    private void Detach(GroupRunner group)
    {
        if (!_tenants.TryGetValue(group.Group.Tenant, out var tenant)) return;
        foreach (var rule in tenant.Rules.Where(r => r.Group == group).ToList())
        {
            for (var i = 0; i < rule.Keys.Count; i++) tenant.Source.Unwatch(rule.Keys[i], rule.Plan.Selectors[i].WindowMs);
            foreach (var key in rule.Keys.Distinct())
                if (tenant.Watchers.TryGetValue(key, out var watchers) && watchers.Remove(rule) && watchers.Count == 0) tenant.Watchers.Remove(key);
            tenant.Rules.Remove(rule);
            _dirty.Remove(rule);
        }
    }

    /// <summary>
    /// Fills a joining rule's windows from the store: what arrived before the stream started, or before the rule was
    /// loaded. An instant selector takes only each series' latest sample within the lookback.
    /// </summary>
    private void Seed(StreamTenant tenant, StreamingPlan plan)
    {
        var now = Now();
        var stored = _options.StoredSeries(tenant.Name);
        foreach (var selector in plan.Selectors)
        {
            var found = stored.Find(selector.Matchers);
            foreach (var series in stored.Read(found, now - selector.ReadMs, long.MaxValue))
            {
                var timestamps = series.Timestamps.Span;
                var values = series.Values.Span;
                var from = selector.IsInstant ? Math.Max(0, timestamps.Length - 1) : 0;
                for (var i = from; i < timestamps.Length; i++) tenant.Source.Offer(series.Labels, timestamps[i], values[i]);
            }
        }
    }

    private long Now() => _options.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
