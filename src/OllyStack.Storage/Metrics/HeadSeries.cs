namespace OllyStack.Storage.Metrics;

/// <summary>
/// The in-memory samples of one series since the last flush, ascending by timestamp without duplicates. One writer
/// appends; readers copy ranges under the same lock. Samples arrive almost always in order, so appending is an
/// array store; an out-of-order sample within the window is inserted in place, a duplicate timestamp keeps the later
/// value. A flush hands the samples to a part and empties the series; the newest flushed timestamp stays, so the
/// out-of-order window still applies to what comes next.
/// </summary>
public sealed class HeadSeries
{
    private const int InitialCapacity = 8;
    private readonly Lock _lock = new();
    private long[] _timestamps = [];
    private double[] _values = [];
    private int _count;
    private double _deltaTotal;
    private long _flushedMax = long.MinValue;

    public int Count
    {
        get { lock (_lock) return _count; }
    }

    public long MaxTimestamp
    {
        get { lock (_lock) return _count == 0 ? _flushedMax : Math.Max(_flushedMax, _timestamps[_count - 1]); }
    }

    /// <summary>
    /// Adds a delta sample (OpenTelemetry delta temporality) as the running total, so the stored series is the
    /// cumulative one PromQL expects. Duplicates and out-of-order deltas still add: each is a separate increment.
    /// </summary>
    public SampleAppend AppendDelta(long timestampMs, double delta, long outOfOrderWindowMs)
    {
        lock (_lock)
        {
            if (double.IsFinite(delta)) _deltaTotal += delta;
            return AppendLocked(timestampMs, double.IsFinite(delta) ? _deltaTotal : delta, outOfOrderWindowMs);
        }
    }

    public SampleAppend Append(long timestampMs, double value, long outOfOrderWindowMs)
    {
        lock (_lock) return AppendLocked(timestampMs, value, outOfOrderWindowMs);
    }

    /// <summary>
    /// The samples for a flush to copy. Only the writer thread may call this (and then <see cref="ClearFlushed"/>):
    /// it is the only one that changes the arrays, so the spans stay valid in between.
    /// </summary>
    internal (ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values) SamplesForFlush()
    {
        lock (_lock) return (_timestamps.AsMemory(0, _count), _values.AsMemory(0, _count));
    }

    /// <summary>Empties the series after its samples went to a part; returns how many there were.</summary>
    internal int ClearFlushed()
    {
        lock (_lock)
        {
            var flushed = _count;
            if (flushed > 0) _flushedMax = Math.Max(_flushedMax, _timestamps[flushed - 1]);
            _count = 0;
            return flushed;
        }
    }

    /// <summary>True if a sample lies in [<paramref name="minMs"/>, <paramref name="maxMs"/>].</summary>
    public bool HasSamplesIn(long minMs, long maxMs)
    {
        lock (_lock)
        {
            var from = LowerBound(minMs);
            return from < _count && _timestamps[from] <= maxMs;
        }
    }

    /// <summary>Copies the samples with <paramref name="minMs"/> &lt;= t &lt;= <paramref name="maxMs"/> into the lists.</summary>
    public void CopyRange(long minMs, long maxMs, List<long> timestamps, List<double> values)
    {
        lock (_lock)
        {
            var from = LowerBound(minMs);
            for (var i = from; i < _count && _timestamps[i] <= maxMs; i++)
            {
                timestamps.Add(_timestamps[i]);
                values.Add(_values[i]);
            }
        }
    }

    private SampleAppend AppendLocked(long timestampMs, double value, long outOfOrderWindowMs)
    {
        if (_count == 0) return AppendAfterFlush(timestampMs, value, outOfOrderWindowMs);
        if (timestampMs > _timestamps[_count - 1])
        {
            InsertAt(_count, timestampMs, value);
            return SampleAppend.Appended;
        }
        var at = LowerBound(timestampMs);
        if (at < _count && _timestamps[at] == timestampMs)
        {
            _values[at] = value;
            return SampleAppend.Deduplicated;
        }
        if (_timestamps[_count - 1] - timestampMs > outOfOrderWindowMs) return SampleAppend.TooOld;
        InsertAt(at, timestampMs, value);
        return SampleAppend.InsertedOutOfOrder;
    }

    /// <summary>The first sample since a flush (or ever): judged against the newest sample flushed.</summary>
    private SampleAppend AppendAfterFlush(long timestampMs, double value, long outOfOrderWindowMs)
    {
        if (timestampMs > _flushedMax)
        {
            InsertAt(0, timestampMs, value);
            return SampleAppend.Appended;
        }
        if (_flushedMax - timestampMs > outOfOrderWindowMs) return SampleAppend.TooOld;
        InsertAt(0, timestampMs, value);
        return SampleAppend.InsertedOutOfOrder;
    }

    private void InsertAt(int index, long timestampMs, double value)
    {
        if (_count == _timestamps.Length)
        {
            Array.Resize(ref _timestamps, Math.Max(InitialCapacity, _count * 2));
            Array.Resize(ref _values, Math.Max(InitialCapacity, _count * 2));
        }
        if (index < _count)
        {
            Array.Copy(_timestamps, index, _timestamps, index + 1, _count - index);
            Array.Copy(_values, index, _values, index + 1, _count - index);
        }
        _timestamps[index] = timestampMs;
        _values[index] = value;
        _count++;
    }

    /// <summary>The first index whose timestamp is at least <paramref name="timestampMs"/>.</summary>
    private int LowerBound(long timestampMs)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (_timestamps[mid] < timestampMs) low = mid + 1;
            else high = mid;
        }
        return low;
    }
}
