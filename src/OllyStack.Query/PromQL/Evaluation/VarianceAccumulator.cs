namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Welford's online variance, one value at a time (population, not sample, as Prometheus computes it).</summary>
internal struct VarianceAccumulator
{
    private double _mean;
    private double _squares;
    private long _count;

    public void Add(double value)
    {
        _count++;
        var delta = value - _mean;
        _mean += delta / _count;
        _squares += delta * (value - _mean);
    }

    public readonly double Variance => _squares / _count;
}
