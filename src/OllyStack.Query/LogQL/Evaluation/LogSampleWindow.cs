namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// The samples one series of a range aggregation holds, in time order (equal times in the order they came): what a
/// query collects from the lines it reads, and what the streaming engine keeps as lines arrive.
/// </summary>
public sealed class LogSampleWindow
{
    private long[] _times = new long[4];
    private double[] _values = new double[4];
    private int _count;

    public int Count => _count;

    /// <summary>Adds a sample after every sample of the same or an earlier time: lines mostly arrive in order, so at the end.</summary>
    public void Add(long timeNano, double value)
    {
        if (_count == _times.Length)
        {
            Array.Resize(ref _times, _count * 2);
            Array.Resize(ref _values, _count * 2);
        }
        var at = _count == 0 || _times[_count - 1] <= timeNano ? _count : LowerBound(timeNano + 1);
        Array.Copy(_times, at, _times, at + 1, _count - at);
        Array.Copy(_values, at, _values, at + 1, _count - at);
        _times[at] = timeNano;
        _values[at] = value;
        _count++;
    }

    /// <summary>Drops the samples older than <paramref name="cutoffNano"/>.</summary>
    public void TrimBefore(long cutoffNano)
    {
        var drop = LowerBound(cutoffNano);
        if (drop == 0) return;
        _count -= drop;
        Array.Copy(_times, drop, _times, 0, _count);
        Array.Copy(_values, drop, _values, 0, _count);
    }

    /// <summary>The samples with <paramref name="startNano"/> &lt;= time &lt; <paramref name="endNano"/>; valid until the next change.</summary>
    public (ReadOnlyMemory<long> Times, ReadOnlyMemory<double> Values) Between(long startNano, long endNano)
    {
        var from = LowerBound(startNano);
        var length = LowerBound(endNano) - from;
        return (_times.AsMemory(from, length), _values.AsMemory(from, length));
    }

    /// <summary>The first position whose sample is at or after <paramref name="timeNano"/>.</summary>
    private int LowerBound(long timeNano)
    {
        int low = 0, high = _count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (_times[middle] < timeNano) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
