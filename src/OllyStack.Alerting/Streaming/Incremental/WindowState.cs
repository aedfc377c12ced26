using OllyStack.Core.Metrics;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// One series' running state for one range selector of one rule: which of the series' samples are in the range
/// [t - offset - range, t - offset] (positions in its <see cref="SeriesWindow"/>), how many, and the newest two. As
/// time moves on, samples entering the range are added and those leaving it removed, each once, so a value costs
/// O(1) per sample instead of a pass over the range; subclasses keep the aggregates their functions need. Stale
/// markers are not samples of a range, as in PromQL. An edit of the window's past, or many removals (running
/// floating-point sums drift), starts the state again from the window.
/// </summary>
internal class WindowState
{
    /// <summary>Removals after which running sums are recomputed, bounding their rounding drift.</summary>
    private const int RemovalsBeforeRebuild = 4096;

    private SeriesWindow? _window;
    private long _oldest;
    private long _next;
    private int _rewrites;
    private int _removals;

    /// <summary>Samples in the range.</summary>
    protected int Count { get; private set; }

    protected long NewestMs { get; private set; }

    /// <summary>The newest sample in the range, when <see cref="Count"/> &gt; 0; during <see cref="Add"/>, the one before it.</summary>
    protected double Newest { get; private set; }

    private long PreviousMs { get; set; }

    private double Previous { get; set; }

    /// <summary>Moves the range to [<paramref name="fromMs"/>, <paramref name="toMs"/>]; both only ever grow.</summary>
    public void Slide(SeriesWindow window, long fromMs, long toMs)
    {
        if (_window != window || _rewrites != window.Rewrites || _oldest < window.Dropped || _removals >= RemovalsBeforeRebuild) Restart(window, fromMs);
        if (_oldest == _next) _oldest = _next = Math.Max(_next, window.PositionAtOrAfter(fromMs));
        for (; _next < window.End && window.TimestampAt(_next) <= toMs; _next++)
        {
            var value = window.ValueAt(_next);
            if (StaleMarker.Is(value)) continue;
            Count++;
            Add(_next, value);
            (PreviousMs, Previous) = (NewestMs, Newest);
            (NewestMs, Newest) = (window.TimestampAt(_next), value);
        }
        while (_oldest < _next && window.TimestampAt(_oldest) < fromMs)
        {
            var position = _oldest++;
            var value = window.ValueAt(position);
            if (StaleMarker.Is(value)) continue;
            Count--;
            _removals++;
            Remove(position, value);
        }
    }

    /// <summary>The function's value over the range ending at <paramref name="rangeEndMs"/>; null when it has none.</summary>
    public virtual double? Value(RangeFunction function, double parameter, long rangeStartMs, long rangeEndMs)
    {
        if (Count == 0) return null;
        return function switch
        {
            RangeFunction.CountOverTime => Count,
            RangeFunction.LastOverTime => Newest,
            RangeFunction.PresentOverTime => 1,
            RangeFunction.Irate => InstantDelta(isRate: true),
            RangeFunction.Idelta => InstantDelta(isRate: false),
            _ => throw new InvalidOperationException($"{function} is not kept by {GetType().Name}"),
        };
    }

    /// <summary>A sample enters the range (it is newer than every sample in it).</summary>
    protected virtual void Add(long position, double value)
    {
    }

    /// <summary>The oldest sample leaves the range; <see cref="TryOldest"/> already gives the one after it.</summary>
    protected virtual void Remove(long position, double value)
    {
    }

    /// <summary>Forgets every aggregate: the range is about to be filled again.</summary>
    protected virtual void Reset()
    {
    }

    /// <summary>The oldest sample in the range.</summary>
    protected bool TryOldest(out long timeMs, out double value)
    {
        for (var position = _oldest; position < _next; position++)
        {
            value = _window!.ValueAt(position);
            if (StaleMarker.Is(value)) continue;
            timeMs = _window.TimestampAt(position);
            return true;
        }
        (timeMs, value) = (0, 0);
        return false;
    }

    private void Restart(SeriesWindow window, long fromMs)
    {
        Reset();
        _window = window;
        _rewrites = window.Rewrites;
        _removals = 0;
        Count = 0;
        _oldest = _next = window.PositionAtOrAfter(fromMs);
    }

    /// <summary>irate and idelta: from the newest two samples; irate reads a decrease as a counter reset.</summary>
    private double? InstantDelta(bool isRate)
    {
        if (Count < 2) return null;
        var change = isRate && Newest < Previous ? Newest : Newest - Previous;
        var intervalMs = NewestMs - PreviousMs;
        if (intervalMs == 0) return null;
        return isRate ? change / (intervalMs / 1000.0) : change;
    }
}
