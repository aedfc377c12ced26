namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// min_over_time or max_over_time: a monotonic queue of the samples that could still become the extreme — each newer
/// sample evicts the older ones it beats, since they leave the range first — so the extreme is always at its head.
/// NaN loses to every number, as in PromQL: it never enters, and a range of only NaN gives NaN.
/// </summary>
internal sealed class ExtremeWindowState(bool largest) : WindowState
{
    private long[] _positions = new long[4];
    private double[] _values = new double[4];
    private int _head;
    private int _count;

    public override double? Value(RangeFunction function, double parameter, long rangeStartMs, long rangeEndMs)
    {
        if (Count == 0) return null;
        return function is RangeFunction.MinOverTime or RangeFunction.MaxOverTime
            ? _count == 0 ? double.NaN : _values[_head]
            : base.Value(function, parameter, rangeStartMs, rangeEndMs);
    }

    protected override void Add(long position, double value)
    {
        if (double.IsNaN(value)) return;
        while (_count > 0 && !Beats(_values[Slot(_count - 1)], value)) _count--;
        if (_count == _positions.Length) Grow();
        var slot = Slot(_count++);
        (_positions[slot], _values[slot]) = (position, value);
    }

    protected override void Remove(long position, double value)
    {
        if (_count == 0 || _positions[_head] != position) return;
        _head = Slot(1);
        _count--;
    }

    protected override void Reset() => (_head, _count) = (0, 0);

    /// <summary>Whether an older sample stays ahead of a newer one: strictly more extreme (ties go to the newer, which stays longer).</summary>
    private bool Beats(double older, double newer) => largest ? older > newer : older < newer;

    private int Slot(int index) => (_head + index) % _positions.Length;

    private void Grow()
    {
        var positions = new long[_positions.Length * 2];
        var values = new double[positions.Length];
        for (var i = 0; i < _count; i++) (positions[i], values[i]) = (_positions[Slot(i)], _values[Slot(i)]);
        (_positions, _values, _head) = (positions, values, 0);
    }
}
