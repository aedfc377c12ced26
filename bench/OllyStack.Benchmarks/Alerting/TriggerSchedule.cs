using System.Collections.Concurrent;
using System.Diagnostics;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// Breaches at random moments (a Poisson process of <c>perSecond</c>), each on a series not used before, so every
/// notification is for a new alert: no group, deduplication or repeat interval of an earlier one is involved. The
/// generator is seeded, so every target gets the same series in the same order at the same offsets from the start
/// of its measurement. A breach waits for the next request of its series' shard; that request carries it.
/// </summary>
public sealed class TriggerSchedule
{
    private readonly AlertSeries _series;
    private readonly Random _random;
    private readonly int[] _order;
    private readonly ConcurrentQueue<Trigger>[] _pending;
    private readonly List<Trigger> _all = [];
    private int _next;

    public TriggerSchedule(AlertSeries series, int seed)
    {
        _series = series;
        _random = new Random(seed);
        _order = Enumerable.Range(0, series.Count).ToArray();
        _random.Shuffle(_order);
        _pending = Enumerable.Range(0, series.Shards).Select(_ => new ConcurrentQueue<Trigger>()).ToArray();
    }

    /// <summary>When <see cref="RunAsync"/> started (a <see cref="Stopwatch"/> timestamp).</summary>
    public long Started { get; private set; }

    /// <summary>The breaches scheduled so far.</summary>
    public IReadOnlyList<Trigger> All
    {
        get
        {
            lock (_all) return _all.ToArray();
        }
    }

    /// <summary>Schedules breaches at <paramref name="perSecond"/> on average for <paramref name="duration"/>, or until cancelled.</summary>
    public async Task RunAsync(double perSecond, TimeSpan duration, CancellationToken cancel)
    {
        Started = Stopwatch.GetTimestamp();
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        while (_next < _order.Length)
        {
            // Exponential gaps from the start, not from the last wake-up, so a late timer does not thin the schedule.
            at += TimeSpan.FromSeconds(-Math.Log(1 - _random.NextDouble()) / perSecond);
            if (at >= duration) return;
            var wait = at - clock.Elapsed;
            if (wait > TimeSpan.Zero) await Task.Delay(wait, cancel);
            Add(_order[_next++]);
        }
    }

    /// <summary>Moves the breaches waiting for shard <paramref name="shard"/> into <paramref name="active"/>.</summary>
    public void TakePending(int shard, List<Trigger> active)
    {
        while (_pending[shard].TryDequeue(out var trigger)) active.Add(trigger);
    }

    private void Add(int series)
    {
        var trigger = new Trigger(series, _series.Metric(series), _series.Instance(series), Stopwatch.GetTimestamp());
        lock (_all) _all.Add(trigger);
        _pending[_series.Shard(series)].Enqueue(trigger);
    }
}
