namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>PromQL's names of the <see cref="RangeFunction"/>s, and the running state each one keeps per series.</summary>
internal static class RangeFunctions
{
    private static readonly Dictionary<string, RangeFunction> ByName = new(StringComparer.Ordinal)
    {
        ["rate"] = RangeFunction.Rate,
        ["increase"] = RangeFunction.Increase,
        ["delta"] = RangeFunction.Delta,
        ["irate"] = RangeFunction.Irate,
        ["idelta"] = RangeFunction.Idelta,
        ["changes"] = RangeFunction.Changes,
        ["resets"] = RangeFunction.Resets,
        ["sum_over_time"] = RangeFunction.SumOverTime,
        ["avg_over_time"] = RangeFunction.AvgOverTime,
        ["count_over_time"] = RangeFunction.CountOverTime,
        ["min_over_time"] = RangeFunction.MinOverTime,
        ["max_over_time"] = RangeFunction.MaxOverTime,
        ["stddev_over_time"] = RangeFunction.StddevOverTime,
        ["stdvar_over_time"] = RangeFunction.StdvarOverTime,
        ["quantile_over_time"] = RangeFunction.QuantileOverTime,
        ["last_over_time"] = RangeFunction.LastOverTime,
        ["present_over_time"] = RangeFunction.PresentOverTime,
    };

    public static bool TryParse(string name, out RangeFunction function) => ByName.TryGetValue(name, out function);

    /// <summary>A new series' state for <paramref name="function"/>.</summary>
    public static WindowState NewState(RangeFunction function) => function switch
    {
        RangeFunction.Rate or RangeFunction.Increase or RangeFunction.Delta or RangeFunction.Changes or RangeFunction.Resets => new CounterWindowState(),
        RangeFunction.SumOverTime or RangeFunction.AvgOverTime => new SumWindowState(withVariance: false),
        RangeFunction.StddevOverTime or RangeFunction.StdvarOverTime => new SumWindowState(withVariance: true),
        RangeFunction.MinOverTime => new ExtremeWindowState(largest: false),
        RangeFunction.MaxOverTime => new ExtremeWindowState(largest: true),
        RangeFunction.QuantileOverTime => new QuantileWindowState(),
        _ => new WindowState(),
    };
}
