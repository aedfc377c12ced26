namespace OllyStack.Query.PromQL.Evaluation;

// Functions of range vectors: each series' points in the range reduced to one value at the evaluation time.
internal sealed partial class Evaluator
{
    private VectorValue EvaluateRangeFunction(Call call, long timeMs)
    {
        var name = call.Function.Name;
        var rangeIndex = call.Args.ToList().FindIndex(a => a.Type == ExprType.RangeVector);
        var rangeArg = call.Args[rangeIndex];
        var scalars = call.Args.Where(a => a.Type == ExprType.Scalar).Select(a => EvaluateScalar(a, timeMs)).ToArray();
        var matrix = EvaluateMatrix(rangeArg, timeMs);

        if (name == "absent_over_time") return Absent(rangeArg, matrix.Series.Count > 0, timeMs);

        var (rangeStartMs, rangeEndMs) = RangeBounds(rangeArg, timeMs);
        // Prometheus checks the factors per series, so a selector that matches nothing is not an error.
        if (name == "holt_winters" && matrix.Series.Count > 0) ValidateHoltWinters(scalars[0], scalars[1]);

        var result = new List<Sample>();
        foreach (var series in matrix.Series)
        {
            var points = series.Points;
            double? value = name switch
            {
                "rate" => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: true),
                "increase" => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: true, isRate: false),
                "delta" => ExtrapolatedDelta(points, rangeStartMs, rangeEndMs, isCounter: false, isRate: false),
                "irate" => InstantDelta(points, isRate: true),
                "idelta" => InstantDelta(points, isRate: false),
                "deriv" => points.Count < 2 ? null : LinearRegression(points, points[0].TimestampMs).Slope,
                "predict_linear" => PredictLinear(points, timeMs, scalars[0]),
                "holt_winters" => HoltWinters(points, scalars[0], scalars[1]),
                "changes" => Count(points, (previous, current) => current != previous && !(double.IsNaN(current) && double.IsNaN(previous))),
                "resets" => Count(points, (previous, current) => current < previous),
                "avg_over_time" => Mean(points.Select(p => p.Value)),
                "count_over_time" => points.Count,
                "sum_over_time" => points.Sum(p => p.Value),
                "min_over_time" => points.Select(p => p.Value).Aggregate(double.NaN, (min, v) => v < min || double.IsNaN(min) ? v : min),
                "max_over_time" => points.Select(p => p.Value).Aggregate(double.NaN, (max, v) => v > max || double.IsNaN(max) ? v : max),
                "stddev_over_time" => Math.Sqrt(PopulationVariance(points.Select(p => p.Value))),
                "stdvar_over_time" => PopulationVariance(points.Select(p => p.Value)),
                "quantile_over_time" => Quantiles.Of(scalars[0], points.Select(p => p.Value).ToList()),
                "last_over_time" => points[^1].Value,
                "present_over_time" => 1,
                _ => throw new PromQLEvaluationException($"function \"{name}\" is not implemented"),
            };
            if (value is null) continue;
            // last_over_time acts like an offset, so it keeps the metric name; every other range function drops it.
            var labels = name == "last_over_time" ? series.Labels : series.Labels.WithoutMetricName();
            result.Add(new Sample(labels, value.Value));
        }
        return new VectorValue(timeMs, result);
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
    private static double? ExtrapolatedDelta(IReadOnlyList<Point> points, long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        if (points.Count < 2) return null;
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
        var averageInterval = sampled / (points.Count - 1);
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
    private static double? InstantDelta(IReadOnlyList<Point> points, bool isRate)
    {
        if (points.Count < 2) return null;
        var previous = points[^2];
        var last = points[^1];
        var change = isRate && last.Value < previous.Value ? last.Value : last.Value - previous.Value;
        var intervalMs = last.TimestampMs - previous.TimestampMs;
        if (intervalMs == 0) return null;
        return isRate ? change / (intervalMs / 1000.0) : change;
    }

    /// <summary>Least-squares fit of value over time in seconds since <paramref name="interceptTimeMs"/>.</summary>
    private static (double Slope, double Intercept) LinearRegression(IReadOnlyList<Point> points, long interceptTimeMs)
    {
        var constant = points.All(p => p.Value == points[0].Value);
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
    private static double? PredictLinear(IReadOnlyList<Point> points, long timeMs, double seconds)
    {
        if (points.Count < 2) return null;
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
    private static double? HoltWinters(IReadOnlyList<Point> points, double smoothing, double trendFactor)
    {
        if (points.Count < 2) return null;
        double previousSmoothed = 0, smoothed = points[0].Value, trend = points[1].Value - points[0].Value;
        for (var i = 1; i < points.Count; i++)
        {
            if (i > 1) trend = trendFactor * (smoothed - previousSmoothed) + (1 - trendFactor) * trend;
            var next = smoothing * points[i].Value + (1 - smoothing) * (smoothed + trend);
            previousSmoothed = smoothed;
            smoothed = next;
        }
        return smoothed;
    }

    private static double Count(IReadOnlyList<Point> points, Func<double, double, bool> counts)
    {
        var count = 0;
        for (var i = 1; i < points.Count; i++)
            if (counts(points[i - 1].Value, points[i].Value)) count++;
        return count;
    }
}
