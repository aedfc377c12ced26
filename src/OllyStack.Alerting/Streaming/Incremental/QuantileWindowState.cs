namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>quantile_over_time: the range's values in a <see cref="QuantileSketch"/>, within its relative accuracy.</summary>
internal sealed class QuantileWindowState : WindowState
{
    private readonly QuantileSketch _sketch = new();

    public override double? Value(RangeFunction function, double parameter, long rangeStartMs, long rangeEndMs)
    {
        if (Count == 0) return null;
        return function == RangeFunction.QuantileOverTime ? _sketch.Quantile(parameter) : base.Value(function, parameter, rangeStartMs, rangeEndMs);
    }

    protected override void Add(long position, double value) => _sketch.Add(value);

    protected override void Remove(long position, double value) => _sketch.Remove(value);

    protected override void Reset() => _sketch.Clear();
}
