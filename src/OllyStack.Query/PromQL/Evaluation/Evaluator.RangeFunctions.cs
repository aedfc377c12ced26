namespace OllyStack.Query.PromQL.Evaluation;

// Functions of range vectors: each series' points in the range reduced to one value at the evaluation time.
internal sealed partial class Evaluator
{
    private VectorValue EvaluateRangeFunction(Call call, long timeMs)
    {
        var name = call.Function.Name;
        var rangeArg = call.Args.First(a => a.Type == ExprType.RangeVector);
        var scalars = call.Args.Where(a => a.Type == ExprType.Scalar).Select(a => EvaluateScalar(a, timeMs)).ToArray();
        var windows = RangeWindows(rangeArg, timeMs);

        if (name == "absent_over_time") return Absent(rangeArg, windows.Count > 0, timeMs);

        var (rangeStartMs, rangeEndMs) = RangeBounds(rangeArg, timeMs);
        // Prometheus checks the factors per series, so a selector that matches nothing is not an error.
        if (name == "holt_winters" && windows.Count > 0) ValidateHoltWinters(scalars[0], scalars[1]);

        var reduce = RangeReducer(name, scalars, timeMs, rangeStartMs, rangeEndMs);
        // last_over_time acts like an offset, so it keeps the metric name; every other range function drops it.
        var keepName = name == "last_over_time";
        var result = new List<Sample>(windows.Count);
        foreach (var (labels, timestamps, values) in windows)
        {
            if (reduce(new SampleWindow(timestamps.Span, values.Span)) is not { } value) continue;
            result.Add(new Sample(keepName ? labels : labels.WithoutMetricName(), value));
        }
        return new VectorValue(timeMs, result);
    }

    /// <summary>
    /// The function that reduces one series' points in the window to its value (null: no value), chosen once per
    /// evaluation so the loop over series runs on spans without dispatching on the name.
    /// </summary>
    private Func<SampleWindow, double?> RangeReducer(string name, double[] scalars, long timeMs, long rangeStartMs, long rangeEndMs) => name switch
    {
        "rate" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: true),
        "increase" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: false),
        "delta" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: false, isRate: false),
        "irate" => points => InstantDelta(points, isRate: true),
        "idelta" => points => InstantDelta(points, isRate: false),
        "deriv" => points => points.Length < 2 ? null : LinearRegression(points, points.Timestamps[0]).Slope,
        "predict_linear" => points => PredictLinear(points, timeMs, scalars[0]),
        "holt_winters" => points => HoltWinters(points.Values, scalars[0], scalars[1]),
        "changes" => points => Changes(points.Values),
        "resets" => points => Resets(points.Values),
        "avg_over_time" => points => Mean(points.Values),
        "count_over_time" => points => points.Length,
        "sum_over_time" => points => Sum(points.Values),
        "min_over_time" => points => Extreme(points.Values, largest: false),
        "max_over_time" => points => Extreme(points.Values, largest: true),
        "stddev_over_time" => points => Math.Sqrt(PopulationVariance(points.Values)),
        "stdvar_over_time" => points => PopulationVariance(points.Values),
        "quantile_over_time" => points => Quantiles.Of(scalars[0], [.. points.Values]),
        "last_over_time" => points => points.Values[^1],
        "present_over_time" => _ => 1,
        _ => throw new PromQLEvaluationException($"function \"{name}\" is not implemented"),
    };

    /// <summary>Each series' samples in the range argument's window: slices of the loaded series for a selector, the evaluated matrix for a subquery.</summary>
    private List<(Labels Labels, ReadOnlyMemory<long> Timestamps, ReadOnlyMemory<double> Values)> RangeWindows(Expr rangeArg, long timeMs)
    {
        var unwrapped = rangeArg;
        while (unwrapped is ParenExpr paren) unwrapped = paren.Expr;
        if (unwrapped is MatrixSelector selector) return SelectRangeWindows(selector, timeMs);
        return EvaluateMatrix(rangeArg, timeMs).Series
            .Select(s => (s.Labels, new ReadOnlyMemory<long>([.. s.Points.Select(p => p.TimestampMs)]), new ReadOnlyMemory<double>([.. s.Points.Select(p => p.Value)])))
            .ToList();
    }

    private static double Sum(ReadOnlySpan<double> values)
    {
        var sum = 0.0;
        foreach (var value in values) sum += value;
        return sum;
    }

    /// <summary>min/max_over_time: NaN only loses to a number, as in Prometheus.</summary>
    private static double Extreme(ReadOnlySpan<double> values, bool largest)
    {
        var extreme = double.NaN;
        foreach (var value in values)
            if (double.IsNaN(extreme) || (largest ? value > extreme : value < extreme)) extreme = value;
        return extreme;
    }

    private static double Changes(ReadOnlySpan<double> values)
    {
        var count = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] != values[i - 1] && !(double.IsNaN(values[i]) && double.IsNaN(values[i - 1]))) count++;
        return count;
    }

    private static double Resets(ReadOnlySpan<double> values)
    {
        var count = 0;
        for (var i = 1; i < values.Length; i++)
            if (values[i] < values[i - 1]) count++;
        return count;
    }

    /// <summary>The window [start, end] a range argument covers at <paramref name="timeMs"/>, after its offset and <c>@</c>.</summary>
    private (long StartMs, long EndMs) RangeBounds(Expr rangeArg, long timeMs)
    {
        while (rangeArg is ParenExpr paren) rangeArg = paren.Expr;
        var (endMs, range) = rangeArg switch
        {
            MatrixSelector selector => (ReferenceTime(selector.Selector.At, selector.Selector.Offset, timeMs), selector.Range),
            SubqueryExpr subquery => (ReferenceTime(subquery.At, subquery.Offset, timeMs), subquery.Range),
            _ => throw new PromQLEvaluationException($"expected a range vector selector or subquery, got {rangeArg}"),
        };
        return (endMs - (long)range.TotalMilliseconds, endMs);
    }

    /// <summary>
    /// rate, increase and delta: the change between the first and last point (for counters, adding back every
    /// reset), extrapolated towards the window's edges (<see cref="RangeExtrapolation"/>). Null with fewer than 2 points.
    /// </summary>
    private static double? ExtrapolatedDelta(SampleWindow window, long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        if (window.Length < 2) return null;
        var values = window.Values;
        var firstValue = values[0];
        var change = values[^1] - firstValue;
        if (isCounter && !window.KnownWithoutResets)
        {
            var previous = 0.0;
            foreach (var value in values)
            {
                if (value < previous) change += previous;
                previous = value;
            }
        }

        return RangeExtrapolation.Extrapolate(change, window.Timestamps[0], firstValue, window.Timestamps[^1], window.Length, rangeStartMs, rangeEndMs, isCounter, isRate);
    }

    /// <summary>irate and idelta: from the last two points; irate treats a decrease as a counter reset.</summary>
    private static double? InstantDelta(SampleWindow window, bool isRate)
    {
        if (window.Length < 2) return null;
        var previous = window.Values[^2];
        var last = window.Values[^1];
        var change = isRate && last < previous ? last : last - previous;
        var intervalMs = window.Timestamps[^1] - window.Timestamps[^2];
        if (intervalMs == 0) return null;
        return isRate ? change / (intervalMs / 1000.0) : change;
    }

    /// <summary>Least-squares fit of value over time in seconds since <paramref name="interceptTimeMs"/>.</summary>
    private static (double Slope, double Intercept) LinearRegression(SampleWindow window, long interceptTimeMs)
    {
        var values = window.Values;
        var constant = true;
        foreach (var value in values) constant &= value == values[0];
        if (constant) return double.IsInfinity(values[0]) ? (double.NaN, double.NaN) : (0, values[0]);
        double n = 0, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        for (var i = 0; i < window.Length; i++)
        {
            var x = (window.Timestamps[i] - interceptTimeMs) / 1000.0;
            n++;
            sumX += x;
            sumY += values[i];
            sumXY += x * values[i];
            sumX2 += x * x;
        }
        var covariance = sumXY - sumX * sumY / n;
        var variance = sumX2 - sumX * sumX / n;
        var slope = covariance / variance;
        return (slope, sumY / n - slope * sumX / n);
    }

    /// <summary>The fitted line's value <paramref name="seconds"/> after the evaluation time.</summary>
    private static double? PredictLinear(SampleWindow points, long timeMs, double seconds)
    {
        if (points.Length < 2) return null;
        var (slope, intercept) = LinearRegression(points, timeMs);
        return slope * seconds + intercept;
    }

    private static void ValidateHoltWinters(double smoothing, double trend)
    {
        if (smoothing <= 0 || smoothing >= 1)
            throw new PromQLEvaluationException($"invalid smoothing factor. Expected: 0 < sf < 1, got: {smoothing.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
        if (trend <= 0 || trend >= 1)
            throw new PromQLEvaluationException($"invalid trend factor. Expected: 0 < tf < 1, got: {trend.ToString("F6", System.Globalization.CultureInfo.InvariantCulture)}");
    }

    /// <summary>Double exponential smoothing; the trend starts as the difference of the first two points.</summary>
    private static double? HoltWinters(ReadOnlySpan<double> values, double smoothing, double trendFactor)
    {
        if (values.Length < 2) return null;
        double previousSmoothed = 0, smoothed = values[0], trend = values[1] - values[0];
        for (var i = 1; i < values.Length; i++)
        {
            if (i > 1) trend = trendFactor * (smoothed - previousSmoothed) + (1 - trendFactor) * trend;
            var next = smoothing * values[i] + (1 - smoothing) * (smoothed + trend);
            previousSmoothed = smoothed;
            smoothed = next;
        }
        return smoothed;
    }
}
