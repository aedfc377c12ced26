using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// rate, increase, delta, changes and resets: what pairs of neighbouring samples in the range contribute — each
/// counter reset (a fall), the value before it that PromQL adds back to a counter's change, and each change —
/// counted as a pair enters with its newer sample and leaves with its older one.
/// </summary>
internal sealed class CounterWindowState : WindowState
{
    private double _correction;
    // An infinite value before a reset is counted apart: subtracting it again would leave NaN, not the finite rest.
    private int _infiniteCorrections;
    private int _resets;
    private int _changes;

    public override double? Value(RangeFunction function, double parameter, long rangeStartMs, long rangeEndMs) => function switch
    {
        RangeFunction.Rate => Extrapolated(rangeStartMs, rangeEndMs, isCounter: true, isRate: true),
        RangeFunction.Increase => Extrapolated(rangeStartMs, rangeEndMs, isCounter: true, isRate: false),
        RangeFunction.Delta => Extrapolated(rangeStartMs, rangeEndMs, isCounter: false, isRate: false),
        RangeFunction.Changes => Count == 0 ? null : _changes,
        RangeFunction.Resets => Count == 0 ? null : _resets,
        _ => base.Value(function, parameter, rangeStartMs, rangeEndMs),
    };

    protected override void Add(long position, double value)
    {
        if (Count < 2) return;
        if (value < Newest)
        {
            _resets++;
            Correct(Newest, +1);
        }
        if (Differ(value, Newest)) _changes++;
    }

    protected override void Remove(long position, double value)
    {
        if (!TryOldest(out _, out var next))
        {
            Reset();
            return;
        }
        if (next < value)
        {
            _resets--;
            Correct(value, -1);
        }
        // With no reset left the correction is exactly zero, whatever rounding the additions and removals left.
        if (_resets == 0) _correction = 0;
        if (Differ(next, value)) _changes--;
    }

    protected override void Reset() => (_correction, _infiniteCorrections, _resets, _changes) = (0, 0, 0, 0);

    /// <summary>Adds or takes back the value before a reset (only +Inf of the non-finite values can precede a fall).</summary>
    private void Correct(double before, int sign)
    {
        if (double.IsPositiveInfinity(before)) _infiniteCorrections += sign;
        else _correction += sign * before;
    }

    private static bool Differ(double a, double b) => a != b && !(double.IsNaN(a) && double.IsNaN(b));

    private double? Extrapolated(long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        if (Count < 2 || !TryOldest(out var firstMs, out var first)) return null;
        var correction = _infiniteCorrections > 0 ? double.PositiveInfinity : _correction;
        var change = Newest - first + (isCounter ? correction : 0);
        return RangeExtrapolation.Extrapolate(change, firstMs, first, NewestMs, Count, rangeStartMs, rangeEndMs, isCounter, isRate);
    }
}
