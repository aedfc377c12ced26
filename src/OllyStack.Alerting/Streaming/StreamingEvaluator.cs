using System.Collections.Concurrent;
using System.Diagnostics;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Alerting.Streaming.Logs;
using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;
using OllyStack.Query.LogQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Logs;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// Runs streaming rules on the metrics and logs topics of the durable log: every durable sample (or log line) goes,
/// through the selectors its series (or stream) matches, to the rules that read it, into the windows those rules
/// need, and each rule an incoming batch touched is re-evaluated at once, before the storage writer has even seen
/// the data. A tick (the default group interval) also evaluates every streaming rule, so time alone moves alerts
/// along (<c>for</c>, data that stops), and slides the windows. One thread feeds and evaluates; groups join and leave
/// through a queue it drains. Each topic is read only while some rule streams from it: with none, decoding every
/// ingested batch would cost CPU for nothing.
/// </summary>
internal sealed class StreamingEvaluator : IAsyncDisposable
{
    public const string ConsumerGroup = "alerting-stream";
    public const string LogsConsumerGroup = "alerting-stream-logs";

    private const int MaxRecordsPerRead = 64;
    private static readonly Task<IReadOnlyList<ConsumedRecord>> NoRecords = Task.FromResult<IReadOnlyList<ConsumedRecord>>([]);
    private static readonly TimeSpan CommitInterval = TimeSpan.FromSeconds(5);

    /// <summary>How far ahead of the clock a sample may move evaluation time (clients' clocks drift).</summary>
    private static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(5);

    private readonly StreamingOptions _options;
    private readonly ILogConsumer _consumer;
    private readonly ILogConsumer _logConsumer;
    private readonly LogRecordDecoder _logRecords = new();
    private readonly Dictionary<KeyValuePair<string, string>[], StreamedLogStream> _batchStreams = new(ReferenceEqualityComparer.Instance);
    private readonly List<(StreamTenant Tenant, StreamedRule Rule, long Position)> _unseeded = [];
    private readonly ConcurrentQueue<(GroupRunner Group, bool Join)> _changes = new();
    private volatile TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, StreamTenant> _tenants = new(StringComparer.Ordinal);
    private readonly HashSet<StreamedRule> _dirty = [];
    private readonly MetricBatch _batch = new();
    private readonly CancellationTokenSource _stopping = new();
    private Task _running = Task.CompletedTask;
    private long _evaluatedThrough;
    private long _logsEvaluatedThrough;
    private int _metricRules;
    private int _logRules;

    public StreamingEvaluator(StreamingOptions options)
    {
        _options = options;
        _consumer = options.Log.OpenConsumer(LogTopics.Metrics, ConsumerGroup);
        _logConsumer = options.Log.OpenConsumer(LogTopics.Logs, LogsConsumerGroup);
    }

    /// <summary>Streams from what is durable now on: older samples and lines come from the store when a rule joins.</summary>
    public void Start()
    {
        _consumer.Seek(_options.Log.GetEndOffset(LogTopics.Metrics));
        _logConsumer.Seek(_options.Log.GetEndOffset(LogTopics.Logs));
        _running = Task.Run(() => RunAsync(_stopping.Token));
    }

    /// <summary>The log offset below which every record has been offered and the rules it reached evaluated.</summary>
    public long EvaluatedThrough => Volatile.Read(ref _evaluatedThrough);

    /// <summary>The logs topic offset below which every record has been offered and the rules it reached evaluated.</summary>
    public long LogsEvaluatedThrough => Volatile.Read(ref _logsEvaluatedThrough);

    /// <summary>Starts streaming the group's streaming-mode rules.</summary>
    public void Join(GroupRunner group) => Change(group, join: true);

    /// <summary>Stops streaming the group's rules.</summary>
    public void Leave(GroupRunner group) => Change(group, join: false);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        await _consumer.DisposeAsync().ConfigureAwait(false);
        await _logConsumer.DisposeAsync().ConfigureAwait(false);
        foreach (var tenant in _tenants.Values) tenant.Dispose();
        _batch.Dispose();
        _logRecords.Dispose();
        _stopping.Dispose();
    }

    /// <summary>Queues a change and wakes the loop, so a joining rule does not wait for data or the tick.</summary>
    private void Change(GroupRunner group, bool join)
    {
        _changes.Enqueue((group, join));
        _changed.TrySetResult();
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
                SeedLogRules();
                // Rules that just joined are evaluated before waiting for more data.
                if (_dirty.Count == 0)
                {
                    var (samples, lines) = await ReadAsync(nextTick - Now(), cancellationToken).ConfigureAwait(false);
                    foreach (var record in samples) Offer(record.Payload.Span);
                    foreach (var record in lines) OfferLines(record.Payload.Span);
                }
                EvaluateDirty();
                // A group that joined meanwhile has seen none of it yet: the offsets move once it has been attached.
                if (_changes.IsEmpty)
                {
                    Volatile.Write(ref _evaluatedThrough, Through(_consumer, _metricRules, LogTopics.Metrics));
                    Volatile.Write(ref _logsEvaluatedThrough, Through(_logConsumer, _logRules, LogTopics.Logs));
                }
                if (Now() >= nextTick)
                {
                    Tick();
                    nextTick = Math.Max(nextTick + (long)_options.Tick.TotalMilliseconds, Now());
                }
                if (Now() >= nextCommit)
                {
                    await CommitAsync(cancellationToken).ConfigureAwait(false);
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
                await PauseAsync(cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>While no rule reads a topic, every durable record of it is trivially done with.</summary>
    private long Through(ILogConsumer consumer, int rules, string topic) => rules > 0 ? consumer.Position : _options.Log.GetEndOffset(topic);

    /// <summary>Waits a tick after a failure, or less if the server stops meanwhile.</summary>
    private async Task PauseAsync(CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(_options.Tick, _options.Time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>
    /// Waits at most <paramref name="waitMs"/> for durable records of either topic (each only while rules stream from
    /// it), a group's change, or the log store catching up with a log rule waiting for its seed; then the reads
    /// still waiting are called off, and what they returned meanwhile is kept.
    /// </summary>
    private async Task<(IReadOnlyList<ConsumedRecord> Samples, IReadOnlyList<ConsumedRecord> Lines)> ReadAsync(long waitMs, CancellationToken cancellationToken)
    {
        if (waitMs <= 0) waitMs = 1;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMilliseconds(waitMs), _options.Time);
        using var read = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var samples = _metricRules > 0 ? ReadOrNothingAsync(_consumer, read.Token) : NoRecords;
        var lines = _logRules > 0 ? ReadOrNothingAsync(_logConsumer, read.Token) : NoRecords;
        // The wait itself ends the wait when no topic is read: its timeout, or the server stopping.
        List<Task> wakes = [_changed.Task, Task.Delay(Timeout.InfiniteTimeSpan, read.Token)];
        if (_metricRules > 0) wakes.Add(samples);
        if (_logRules > 0) wakes.Add(lines);
        // A writer that failed never catches up (the server reports itself not ready): waiting on it would spin.
        if (_unseeded.Count > 0 && _options.LogsWriter is { Failure: null } writer) wakes.Add(writer.WaitUntilAppliedAsync(_unseeded.Min(u => u.Position), read.Token));
        await Task.WhenAny(wakes).ConfigureAwait(false);
        await read.CancelAsync().ConfigureAwait(false);
        var result = (await samples.ConfigureAwait(false), await lines.ConfigureAwait(false));
        cancellationToken.ThrowIfCancellationRequested();
        return result;
    }

    private static async Task<IReadOnlyList<ConsumedRecord>> ReadOrNothingAsync(ILogConsumer consumer, CancellationToken cancellationToken)
    {
        try
        {
            return await consumer.ReadAsync(MaxRecordsPerRead, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return [];
        }
    }

    /// <summary>
    /// Commits both groups so the log can drop what they are done with; while no rule streams from a topic, its group
    /// is done with everything durable.
    /// </summary>
    private async Task CommitAsync(CancellationToken cancellationToken)
    {
        if (_metricRules == 0) _consumer.Seek(_options.Log.GetEndOffset(LogTopics.Metrics));
        await _consumer.CommitAsync(_consumer.Position, cancellationToken).ConfigureAwait(false);
        if (_logRules == 0) _logConsumer.Seek(_options.Log.GetEndOffset(LogTopics.Logs));
        await _logConsumer.CommitAsync(_logConsumer.Position, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Hands each line of a logs record to its tenant's streams and marks the rules it reaches. Evaluation may then
    /// move to the millisecond after the line, since a LogQL window ends before its time.
    /// </summary>
    private void OfferLines(ReadOnlySpan<byte> payload)
    {
        if (!_tenants.TryGetValue(_logRecords.Read(payload), out var tenant) || tenant.LogWatchers.Count == 0) return;
        _batchStreams.Clear();
        for (var i = 0; i < _logRecords.RecordCount; i++)
        {
            var labels = _logRecords.StreamLabelsOf(i);
            if (!_batchStreams.TryGetValue(labels, out var stream)) _batchStreams[labels] = stream = tenant.Logs.StreamOf(labels);
            if (stream.SelectorKeys.Count == 0 || !tenant.Logs.TryAdd(stream, _logRecords.RowOf(i), out var entry)) continue;
            tenant.NewestSampleMs = Math.Max(tenant.NewestSampleMs, entry.TimeUnixNano / 1_000_000 + 1);
            foreach (var key in stream.SelectorKeys)
            {
                foreach (var rule in tenant.LogWatchers[key])
                {
                    rule.LogQuery?.Offer(key, entry);
                    _dirty.Add(rule);
                }
            }
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
            var trimNano = (now - (long)MaxClockSkew.TotalMilliseconds) * 1_000_000;
            tenant.Logs.Trim(trimNano);
            foreach (var rule in tenant.Rules) rule.LogQuery?.Trim(trimNano);
        }
    }

    /// <summary>
    /// Evaluates rules of one tenant at one time — the clock, or the newest sample if a client's clock runs a little
    /// ahead — in group order, and delivers each group's output.
    /// </summary>
    private void Evaluate(StreamTenant tenant, IEnumerable<StreamedRule> rules, bool alertSeries)
    {
        rules = rules.Where(r => r.Seeded);
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
            : _options.Evaluator.Evaluate(rule.Runner.Rule.Query, tenant.Name, tenant.Source, timeMs, _stopping.Token, tenant.Logs, rule.LogQuery);

    private void ApplyChanges()
    {
        // Reset before draining: a change queued after the drain wakes the next wait.
        if (_changed.Task.IsCompleted) _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
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
            if (plan.ReadsLogs && _logRules++ == 0) _logConsumer.Seek(_options.Log.GetEndOffset(LogTopics.Logs));
            if (!plan.ReadsLogs && _metricRules++ == 0) _consumer.Seek(_options.Log.GetEndOffset(LogTopics.Metrics));
            var keys = plan.Selectors.Select(s => plan.ReadsLogs ? tenant.Logs.Watch(s.Matchers, s.WindowMs * 1_000_000) : tenant.Source.Watch(s.Matchers, s.WindowMs)).ToList();
            var incremental = runner.Mode == EvaluationMode.Incremental ? IncrementalQuery.For(runner.Rule.Query, _options.Lookback) : null;
            incremental?.Bind(tenant.Source);
            var logQuery = runner.Rule.Query is LogQLRuleQuery logQL && runner.Mode == EvaluationMode.Incremental ? new IncrementalLogQuery(logQL.Expr, keys) : null;
            var rule = new StreamedRule(group, runner, position, plan, keys, incremental, logQuery);
            var watching = plan.ReadsLogs ? tenant.LogWatchers : tenant.Watchers;
            foreach (var key in keys.Distinct())
            {
                if (!watching.TryGetValue(key, out var watchers)) watching[key] = watchers = [];
                watchers.Add(rule);
            }
            tenant.Rules.Add(rule);
            if (plan.ReadsLogs)
            {
                _unseeded.Add((tenant, rule, _logConsumer.Position));
                continue;
            }
            Seed(tenant, plan);
            _dirty.Add(rule);
        }
    }

    private void Detach(GroupRunner group)
    {
        if (!_tenants.TryGetValue(group.Group.Tenant, out var tenant)) return;
        foreach (var rule in tenant.Rules.Where(r => r.Group == group).ToList())
        {
            var logs = rule.Plan.ReadsLogs;
            for (var i = 0; i < rule.Keys.Count; i++)
            {
                if (logs) tenant.Logs.Unwatch(rule.Keys[i], rule.Plan.Selectors[i].WindowMs * 1_000_000);
                else tenant.Source.Unwatch(rule.Keys[i], rule.Plan.Selectors[i].WindowMs);
            }
            var watching = logs ? tenant.LogWatchers : tenant.Watchers;
            foreach (var key in rule.Keys.Distinct())
                if (watching.TryGetValue(key, out var watchers) && watchers.Remove(rule) && watchers.Count == 0) watching.Remove(key);
            tenant.Rules.Remove(rule);
            _dirty.Remove(rule);
            _unseeded.RemoveAll(u => u.Rule == rule);
            if (logs) _logRules--;
            else _metricRules--;
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

    /// <summary>
    /// Seeds each waiting log rule once the log store holds every record below where the stream started feeding it:
    /// the store then has all the rule's lines from before, and lines it has from after are not taken twice. A seed
    /// adds lines to streams other rules may read too, so every log rule of the tenant then takes its samples afresh.
    /// </summary>
    private void SeedLogRules()
    {
        if (_unseeded.Count == 0) return;
        var stored = _options.LogsWriter?.AppliedEnd ?? long.MaxValue;
        var ready = _unseeded.Where(u => stored >= u.Position).ToList();
        foreach (var (tenant, rule, position) in ready)
        {
            SeedLines(tenant, rule.Plan);
            rule.Seeded = true;
            _dirty.Add(rule);
            _unseeded.Remove((tenant, rule, position));
        }
        foreach (var tenant in ready.Select(r => r.Tenant).Distinct())
            foreach (var rule in tenant.Rules.Where(r => r.Seeded)) rule.LogQuery?.Rebuild(tenant.Logs, tenant.Name);
    }

    /// <summary>Fills a log rule's streams with the lines the store holds of its windows.</summary>
    private void SeedLines(StreamTenant tenant, StreamingPlan plan)
    {
        if (_options.StoredLogs is not { } store) return;
        var nowNano = Now() * 1_000_000;
        foreach (var selector in plan.Selectors)
        {
            var read = new LogRead(tenant.Name, selector.Matchers, nowNano - selector.ReadMs * 1_000_000, long.MaxValue, LogDirection.Forward, []);
            tenant.Logs.Seed(store.Read(read, _stopping.Token));
        }
    }

    private long Now() => _options.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
