namespace OllyStack.Alerting.Streaming;

/// <summary>
/// The recent samples of one series, ascending by time: appended as they arrive, a late one inserted in place, a
/// repeated timestamp replacing the earlier value (the log delivers at least once), and the oldest dropped as the
/// window slides. Every sample has a position that stays put as the window slides (<see cref="Dropped"/> plus its
/// index), so running window state can follow the samples that enter and leave it; an edit anywhere but the end bumps
/// <see cref="Rewrites"/>, telling such state to start again. Single-threaded, like the streaming engine that owns it.
/// </summary>
internal sealed class SeriesWindow
{
    private long[] _timestamps = new long[8];
    private double[] _values = new double[8];
    private int _start;
    private int _end;

    public int Count => _end - _start;

    /// <summary>Samples dropped from the front so far: the position of the oldest sample held.</summary>
    public long Dropped { get; private set; }

    /// <summary>The position after the newest sample.</summary>
    public long End => Dropped + Count;

    /// <summary>How many times a sample was inserted before the newest, replaced one, or the window was cleared.</summary>
    public int Rewrites { get; private set; }

    public ReadOnlySpan<long> Timestamps => _timestamps.AsSpan(_start, Count);

    public ReadOnlySpan<double> Values => _values.AsSpan(_start, Count);

    public void Add(long timestampMs, double value)
    {
        if (Count == 0 || timestampMs > _timestamps[_end - 1])
        {
            Reserve();
            (_timestamps[_end], _values[_end]) = (timestampMs, value);
            _end++;
            return;
        }
        Rewrites++;
        var at = FirstAtOrAfter(timestampMs);
        if (at < _end && _timestamps[at] == timestampMs)
        {
            _values[at] = value;
            return;
        }
        // Making room may move the samples to the front of the arrays.
        var fromEnd = _end - at;
        Reserve();
        at = _end - fromEnd;
        Array.Copy(_timestamps, at, _timestamps, at + 1, _end - at);
        Array.Copy(_values, at, _values, at + 1, _end - at);
        (_timestamps[at], _values[at]) = (timestampMs, value);
        _end++;
    }

    /// <summary>Drops the samples before <paramref name="oldestMs"/>, except the latest: an instant selector reads it for minutes.</summary>
    public void TrimBefore(long oldestMs)
    {
        var start = Math.Min(FirstAtOrAfter(oldestMs), Math.Max(_start, _end - 1));
        Dropped += start - _start;
        _start = start;
    }

    public void Clear()
    {
        Dropped += Count;
        Rewrites++;
        _start = _end = 0;
    }

    public long TimestampAt(long position) => _timestamps[IndexOf(position)];

    public double ValueAt(long position) => _values[IndexOf(position)];

    /// <summary>The position of the first sample at or after <paramref name="timeMs"/> (<see cref="End"/> if none).</summary>
    public long PositionAtOrAfter(long timeMs) => Dropped + (FirstAtOrAfter(timeMs) - _start);

    /// <summary>The samples in [<paramref name="minMs"/>, <paramref name="maxMs"/>], copied (the window moves on).</summary>
    public (long[] Timestamps, double[] Values) Copy(long minMs, long maxMs)
    {
        var from = FirstAtOrAfter(minMs);
        var to = maxMs == long.MaxValue ? _end : FirstAtOrAfter(maxMs + 1);
        return (_timestamps[from..to], _values[from..to]);
    }

    /// <summary>Room for one more at the end: the dropped front is reclaimed before the arrays grow.</summary>
    private void Reserve()
    {
        if (_end < _timestamps.Length) return;
        var count = Count;
        if (count * 2 > _timestamps.Length)
        {
            Array.Resize(ref _timestamps, _timestamps.Length * 2);
            Array.Resize(ref _values, _values.Length * 2);
        }
        Array.Copy(_timestamps, _start, _timestamps, 0, count);
        Array.Copy(_values, _start, _values, 0, count);
        (_start, _end) = (0, count);
    }

    private int IndexOf(long position) => _start + (int)(position - Dropped);

    private int FirstAtOrAfter(long timeMs)
    {
        int low = _start, high = _end;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_timestamps[middle] < timeMs) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
