namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// The mean as Prometheus computes it, one value at a time: a plain sum while finite, an incremental mean once the
/// sum would overflow, so a group's mean folds in as its members come.
/// </summary>
public struct MeanAccumulator
{
    private double _sum;
    private double _mean;
    private long _count;
    private bool _incremental;

    public void Add(double value)
    {
        _count++;
        if (!_incremental)
        {
            var newSum = _sum + value;
            if (!double.IsInfinity(newSum) || double.IsInfinity(value) || double.IsInfinity(_sum))
            {
                _sum = newSum;
                return;
            }
            _incremental = true;
            _mean = _sum / (_count - 1);
        }
        if (double.IsInfinity(_mean))
        {
            if (double.IsInfinity(value) && Math.Sign(_mean) != Math.Sign(value)) _mean = double.NaN;
            return;
        }
        _mean += value / _count - _mean / _count;
    }

    public readonly double Mean => _incremental ? _mean : _sum / _count;
}
