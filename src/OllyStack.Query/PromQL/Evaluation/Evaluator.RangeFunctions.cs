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
        foreach (var (labels, points) in windows)
        {
            if (reduce(points) is not { } value) continue;
            result.Add(new Sample(keepName ? labels : labels.WithoutMetricName(), value));
        }
        return new VectorValue(timeMs, result);
    }

    /// <summary>
    /// The function that reduces one series' points in the window to its value (null: no value), chosen once per
    /// evaluation so the loop over series runs on spans without dispatching on the name.
    /// </summary>
    private Func<ReadOnlySpan<Point>, double?> RangeReducer(string name, double[] scalars, long timeMs, long rangeStartMs, long rangeEndMs) => name switch
    {
        "rate" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: true),
        "increase" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: false),
        "delta" => points => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: false, isRate: false),
        "irate" => points => InstantDelta(points, isRate: true),
        "idelta" => points => InstantDelta(points, isRate: false),
        "deriv" => points => points.Length < 2 ? null : LinearRegression(points, points[0].TimestampMs).Slope,
        "predict_linear" => points => PredictLinear(points, timeMs, scalars[0]),
        "holt_winters" => points => HoltWinters(points, scalars[0], scalars[1]),
        "changes" => points => Changes(points),
        "resets" => points => Resets(points),
        "avg_over_time" => points => Mean(ValuesOf(points)),
        "count_over_time" => points => points.Length,
        "sum_over_time" => points => Sum(points),
        "min_over_time" => points => Extreme(points, largest: false),
        "max_over_time" => points => Extreme(points, largest: true),
        "stddev_over_time" => points => Math.Sqrt(PopulationVariance(ValuesOf(points))),
        "stdvar_over_time" => points => PopulationVariance(ValuesOf(points)),
        "quantile_over_time" => points => Quantiles.Of(scalars[0], [.. ValuesOf(points)]),
        "last_over_time" => points => points[^1].Value,
        "present_over_time" => _ => 1,
        _ => throw new PromQLEvaluationException($"function \"{name}\" is not implemented"),
    };

    /// <summary>Each series' points in the range argument's window: slices of the loaded series for a selector, the evaluated matrix for a subquery.</summary>
    private List<(Labels Labels, ArraySegment<Point> Points)> RangeWindows(Expr rangeArg, long timeMs)
    {
        var unwrapped = rangeArg;
        while (unwrapped is ParenExpr paren) unwrapped = paren.Expr;
        if (unwrapped is MatrixSelector selector) return SelectRangeWindows(selector, timeMs);
        return EvaluateMatrix(rangeArg, timeMs).Series.Select(s => (s.Labels, s.Points as ArraySegment<Point>? ?? new ArraySegment<Point>([.. s.Points]))).ToList();
    }

    /// <summary>The values of the points, in this evaluator's scratch array (valid until the next call).</summary>
    private ReadOnlySpan<double> ValuesOf(ReadOnlySpan<Point> points)
    {
        if (_valueScratch.Length < points.Length) _valueScratch = new double[Math.Max(points.Length, _valueScratch.Length * 2)];
        for (var i = 0; i < points.Length; i++) _valueScratch[i] = points[i].Value;
        return _valueScratch.AsSpan(0, points.Length);
    }

    private static double Sum(ReadOnlySpan<Point> points)
    {
        var sum = 0.0;
        foreach (var point in points) sum += point.Value;
        return sum;
    }

    /// <summary>min/max_over_time: NaN only loses to a number, as in Prometheus.</summary>
    private static double Extreme(ReadOnlySpan<Point> points, bool largest)
    {
        var extreme = double.NaN;
        foreach (var point in points)
            if (double.IsNaN(extreme) || (largest ? point.Value > extreme : point.Value < extreme)) extreme = point.Value;
        return extreme;
    }

    private static double Changes(ReadOnlySpan<Point> points)
    {
        var count = 0;
        for (var i = 1; i < points.Length; i++)
            if (points[i].Value != points[i - 1].Value && !(double.IsNaN(points[i].Value) && double.IsNaN(points[i - 1].Value))) count++;
        return count;
    }

    private static double Resets(ReadOnlySpan<Point> points)
    {
        var count = 0;
        for (var i = 1; i < points.Length; i++)
            if (points[i].Value < points[i - 1].Value) count++;
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
    /// reset), extrapolated towards the window's edges. An edge closer than 1.1 average intervals is extrapolated to;
    /// a farther one only by half an interval. A counter is not extrapolated below zero. Null with fewer than 2 points.
    /// </summary>
    private static double? ExtrapolatedDelta(ReadOnlySpan<Point> points, long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        if (points.Length < 2) return null;
        var first = points[0];
        var last = points[^1];
        var change = last.Value - first.Value;
        if (isCounter)
        {
            var previous = 0.0;
            foreach (var point in points)
            {
                if (point.Value < previous) change += previous;
                previous = point.Value;
            }
        }

        var toStart = (first.TimestampMs - rangeStartMs) / 1000.0;
        var toEnd = (rangeEndMs - last.TimestampMs) / 1000.0;
        var sampled = (last.TimestampMs - first.TimestampMs) / 1000.0;
        var averageInterval = sampled / (points.Length - 1);
        if (isCounter && change > 0 && first.Value >= 0)
        {
            var toZero = sampled * (first.Value / change);
            if (toZero < toStart) toStart = toZero;
        }

        var threshold = averageInterval * 1.1;
        var extrapolated = sampled;
        extrapolated += toStart < threshold ? toStart : averageInterval / 2;
        extrapolated += toEnd < threshold ? toEnd : averageInterval / 2;
        change *= extrapolated / sampled;
        return isRate ? change / ((rangeEndMs - rangeStartMs) / 1000.0) : change;
    }

    /// <summary>irate and idelta: from the last two points; irate treats a decrease as a counter reset.</summary>
    private static double? InstantDelta(ReadOnlySpan<Point> points, bool isRate)
    {
        if (points.Length < 2) return null;
        var previous = points[^2];
        var last = points[^1];
        var change = isRate && last.Value < previous.Value ? last.Value : last.Value - previous.Value;
        var intervalMs = last.TimestampMs - previous.TimestampMs;
        if (intervalMs == 0) return null;
        return isRate ? change / (intervalMs / 1000.0) : change;
    }

    /// <summary>Least-squares fit of value over time in seconds since <paramref name="interceptTimeMs"/>.</summary>
    private static (double Slope, double Intercept) LinearRegression(ReadOnlySpan<Point> points, long interceptTimeMs)
    {
        var constant = true;
        foreach (var point in points) constant &= point.Value == points[0].Value;
        if (constant) return double.IsInfinity(points[0].Value) ? (double.NaN, double.NaN) : (0, points[0].Value);
        double n = 0, sumX = 0, sumY = 0, sumXY = 0, sumX2 = 0;
        foreach (var point in points)
        {
            var x = (point.TimestampMs - interceptTimeMs) / 1000.0;
            n++;
            sumX += x;
            sumY += point.Value;
            sumXY += x * point.Value;
            sumX2 += x * x;
        }
        var covariance = sumXY - sumX * sumY / n;
        var variance = sumX2 - sumX * sumX / n;
        var slope = covariance / variance;
        return (slope, sumY / n - slope * sumX / n);
    }

    /// <summary>The fitted line's value <paramref name="seconds"/> after the evaluation time.</summary>
    private static double? PredictLinear(ReadOnlySpan<Point> points, long timeMs, double seconds)
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
    private static double? HoltWinters(ReadOnlySpan<Point> points, double smoothing, double trendFactor)
    {
        if (points.Length < 2) return null;
        double previousSmoothed = 0, smoothed = points[0].Value, trend = points[1].Value - points[0].Value;
        for (var i = 1; i < points.Length; i++)
        {
            if (i > 1) trend = trendFactor * (smoothed - previousSmoothed) + (1 - trendFactor) * trend;
            var next = smoothing * points[i].Value + (1 - smoothing) * (smoothed + trend);
            previousSmoothed = smoothed;
            smoothed = next;
        }
        return smoothed;
    }
}
