using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// The values of one series in one step's window, in time order, and the range
/// aggregations over them. Rates divide by the range in seconds, whatever the lines' spread, as Loki does.
/// </summary>
internal readonly ref struct RangeWindow(ReadOnlySpan<double> values, double rangeSeconds)
{
    private readonly ReadOnlySpan<double> values = values;

    public double Aggregate(RangeOp op, double? parameter, bool unwrapped, List<double> scratch) => op switch
    {
        RangeOp.CountOverTime => values.Length,
        RangeOp.Rate => (unwrapped ? Sum() : values.Length) / rangeSeconds,
        RangeOp.BytesOverTime or RangeOp.SumOverTime => Sum(),
        RangeOp.BytesRate => Sum() / rangeSeconds,
        RangeOp.AvgOverTime => Mean(),
        RangeOp.MinOverTime => Extreme(min: true),
        RangeOp.MaxOverTime => Extreme(min: false),
        RangeOp.StdvarOverTime => Variance(),
        RangeOp.StddevOverTime => Math.Sqrt(Variance()),
        RangeOp.QuantileOverTime => Quantile(parameter!.Value, scratch),
        RangeOp.FirstOverTime => values[0],
        RangeOp.LastOverTime => values[^1],
        _ => throw new ArgumentException($"{op} is not computed per window", nameof(op)),
    };

    private double Sum()
    {
        var sum = 0.0;
        foreach (var value in values) sum += value;
        return sum;
    }

    private double Mean()
    {
        var mean = new MeanAccumulator();
        foreach (var value in values) mean.Add(value);
        return mean.Mean;
    }

    /// <summary>As Prometheus' min/max_over_time: NaN only when every value is NaN.</summary>
    private double Extreme(bool min)
    {
        var result = double.NaN;
        foreach (var value in values)
            if (double.IsNaN(result) || (min ? value < result : value > result)) result = value;
        return result;
    }

    private double Variance()
    {
        var variance = new VarianceAccumulator();
        foreach (var value in values) variance.Add(value);
        return variance.Variance;
    }

    private double Quantile(double phi, List<double> scratch)
    {
        scratch.Clear();
        foreach (var value in values) scratch.Add(value);
        return Quantiles.Of(phi, scratch);
    }
}
