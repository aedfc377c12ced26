namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// sum_over_time and avg_over_time, and with <c>withVariance</c> stddev_over_time and stdvar_over_time: a
/// compensated running sum of the finite samples (Neumaier's, so removals do not pile up rounding), counts of the
/// NaN and infinite ones (which no subtraction could take back out of a sum), and Welford's mean and squared
/// deviations run forwards for a sample that enters and backwards for one that leaves.
/// </summary>
internal sealed class SumWindowState(bool withVariance) : WindowState
{
    private double _sum;
    private double _compensation;
    private int _nans;
    private int _positiveInfinities;
    private int _negativeInfinities;
    private double _mean;
    private double _squares;

    public override double? Value(RangeFunction function, double parameter, long rangeStartMs, long rangeEndMs)
    {
        if (Count == 0) return null;
        return function switch
        {
            RangeFunction.SumOverTime => Sum(),
            RangeFunction.AvgOverTime => Sum() / Count,
            RangeFunction.StdvarOverTime => Variance(),
            RangeFunction.StddevOverTime => Math.Sqrt(Variance()),
            _ => base.Value(function, parameter, rangeStartMs, rangeEndMs),
        };
    }

    protected override void Add(long position, double value)
    {
        if (!TallyNonFinite(value, +1)) return;
        Accumulate(value);
        if (!withVariance) return;
        var finite = Count - _nans - _positiveInfinities - _negativeInfinities;
        var delta = value - _mean;
        _mean += delta / finite;
        _squares += delta * (value - _mean);
    }

    protected override void Remove(long position, double value)
    {
        if (!TallyNonFinite(value, -1)) return;
        Accumulate(-value);
        if (!withVariance) return;
        var finite = Count - _nans - _positiveInfinities - _negativeInfinities;
        if (finite == 0)
        {
            (_mean, _squares) = (0, 0);
            return;
        }
        var delta = value - _mean;
        _mean -= delta / finite;
        _squares -= delta * (value - _mean);
    }

    protected override void Reset() => (_sum, _compensation, _nans, _positiveInfinities, _negativeInfinities, _mean, _squares) = (0, 0, 0, 0, 0, 0, 0);

    /// <summary>Counts a NaN or infinity in or out; true for a finite value, which the sums take.</summary>
    private bool TallyNonFinite(double value, int change)
    {
        if (double.IsNaN(value)) _nans += change;
        else if (double.IsPositiveInfinity(value)) _positiveInfinities += change;
        else if (double.IsNegativeInfinity(value)) _negativeInfinities += change;
        else return true;
        return false;
    }

    private void Accumulate(double value)
    {
        var sum = _sum + value;
        _compensation += Math.Abs(_sum) >= Math.Abs(value) ? _sum - sum + value : value - sum + _sum;
        _sum = sum;
    }

    /// <summary>What a plain sum of the samples would give: NaN with a NaN or both infinities, an infinity with one.</summary>
    private double Sum()
    {
        if (_nans > 0 || (_positiveInfinities > 0 && _negativeInfinities > 0)) return double.NaN;
        if (_positiveInfinities > 0) return double.PositiveInfinity;
        if (_negativeInfinities > 0) return double.NegativeInfinity;
        return _sum + _compensation;
    }

    /// <summary>Population variance; any NaN or infinity makes it NaN, as it does Welford's forward pass.</summary>
    private double Variance() =>
        _nans + _positiveInfinities + _negativeInfinities > 0 ? double.NaN : Math.Max(0, _squares) / Count;
}
