namespace OllyStack.Query.PromQL.Evaluation;

// Function calls: dispatch, and the functions of instant vectors and scalars.
internal sealed partial class Evaluator
{
    private QueryValue EvaluateCall(Call call, long timeMs)
    {
        var name = call.Function.Name;
        if (call.Args.Any(a => a.Type == ExprType.RangeVector))
            return Checked(EvaluateRangeFunction(call, timeMs));
        return name switch
        {
            "time" => new ScalarValue(timeMs, timeMs / 1000.0),
            "pi" => new ScalarValue(timeMs, Math.PI),
            "vector" => new VectorValue(timeMs, [new Sample(Labels.Empty, EvaluateScalar(call.Args[0], timeMs))]),
            "scalar" => Scalar(EvaluateVector(call.Args[0], timeMs)),
            "timestamp" => Checked(Timestamp(call.Args[0], timeMs)),
            "absent" => Absent(call.Args[0], EvaluateVector(call.Args[0], timeMs).Samples.Count > 0, timeMs),
            "sort" => Sorted(EvaluateVector(call.Args[0], timeMs), descending: false),
            "sort_desc" => Sorted(EvaluateVector(call.Args[0], timeMs), descending: true),
            "label_replace" => Checked(LabelReplace(call, timeMs)),
            "label_join" => Checked(LabelJoin(call, timeMs)),
            "histogram_quantile" => Checked(HistogramQuantile.Evaluate(EvaluateScalar(call.Args[0], timeMs), EvaluateVector(call.Args[1], timeMs))),
            "clamp" => Clamp(call, timeMs),
            "clamp_min" => MapWithScalar(call, timeMs, (v, min) => Math.Max(min, v)),
            "clamp_max" => MapWithScalar(call, timeMs, (v, max) => Math.Min(max, v)),
            "round" => Map(call, timeMs, Rounding(call.Args.Count > 1 ? EvaluateScalar(call.Args[1], timeMs) : 1)),
            _ when CalendarFunctions.TryGet(name, out var part) => Calendar(call, timeMs, part),
            _ when MathFunctions.TryGet(name, out var function) => Map(call, timeMs, function),
            _ => throw new PromQLEvaluationException($"function \"{name}\" is not implemented"),
        };
    }

    /// <summary>Applies <paramref name="function"/> to every sample of the first argument, dropping the metric name.</summary>
    private VectorValue Map(Call call, long timeMs, Func<double, double> function) =>
        Checked(new VectorValue(timeMs, EvaluateVector(call.Args[0], timeMs).Samples
            .Select(s => new Sample(s.Labels.WithoutMetricName(), function(s.Value))).ToList()));

    private VectorValue MapWithScalar(Call call, long timeMs, Func<double, double, double> function)
    {
        var scalar = EvaluateScalar(call.Args[1], timeMs);
        return Map(call, timeMs, v => function(v, scalar));
    }

    private VectorValue Clamp(Call call, long timeMs)
    {
        var min = EvaluateScalar(call.Args[1], timeMs);
        var max = EvaluateScalar(call.Args[2], timeMs);
        // Prometheus returns nothing rather than guessing which bound wins.
        if (max < min) return new VectorValue(timeMs, []);
        return Map(call, timeMs, v => Math.Max(min, Math.Min(max, v)));
    }

    /// <summary>round(v, to_nearest): ties round up, computed as Prometheus does: floor(v · (1 / to_nearest) + 0.5) / (1 / to_nearest).</summary>
    private static Func<double, double> Rounding(double toNearest)
    {
        var inverse = 1 / toNearest;
        return v => Math.Floor(v * inverse + 0.5) / inverse;
    }

    private static ScalarValue Scalar(VectorValue vector) =>
        new(vector.TimestampMs, vector.Samples.Count == 1 ? vector.Samples[0].Value : double.NaN);

    /// <summary>
    /// The time of each sample in seconds. For a selector argument that is the time of the stored sample, not the
    /// evaluation time, as in Prometheus 2.x.
    /// </summary>
    private VectorValue Timestamp(Expr argument, long timeMs)
    {
        var unwrapped = argument;
        while (unwrapped is ParenExpr paren) unwrapped = paren.Expr;
        var samples = unwrapped is VectorSelector selector
            ? SelectInstant(selector, timeMs, sampleTimestamps: true).Samples
            : EvaluateVector(argument, timeMs).Samples.Select(s => s with { Value = timeMs / 1000.0 }).ToList();
        return new VectorValue(timeMs, samples.Select(s => s with { Labels = s.Labels.WithoutMetricName() }).ToList());
    }

    /// <summary>Ascending (or descending) by value; NaN sorts last either way. Labels, metric name included, are kept.</summary>
    private static VectorValue Sorted(VectorValue vector, bool descending)
    {
        var ordered = descending
            ? vector.Samples.OrderBy(s => double.IsNaN(s.Value)).ThenByDescending(s => s.Value)
            : vector.Samples.OrderBy(s => double.IsNaN(s.Value)).ThenBy(s => s.Value);
        return new VectorValue(vector.TimestampMs, ordered.ToList());
    }

    /// <summary>
    /// One sample of value 1 when <paramref name="present"/> is false. Its labels come from the equality matchers of
    /// a selector argument: a name matched by any other matcher, or matched twice, is left out (Prometheus' rule).
    /// </summary>
    private static VectorValue Absent(Expr argument, bool present, long timeMs)
    {
        if (present) return new VectorValue(timeMs, []);
        var matchers = argument switch
        {
            VectorSelector selector => selector.Matchers,
            MatrixSelector range => range.Selector.Matchers,
            _ => ValueList<LabelMatcher>.Empty,
        };
        var labels = Labels.Empty;
        var seen = new HashSet<string>();
        foreach (var matcher in matchers)
        {
            if (matcher.Name == Labels.MetricName) continue;
            labels = matcher.Type == LabelMatchType.Equal && seen.Add(matcher.Name)
                ? labels.With(matcher.Name, matcher.Value)
                : labels.Without(matcher.Name);
        }
        return new VectorValue(timeMs, [new Sample(labels, 1)]);
    }

    /// <summary>year(), hour() and the like: of the argument's values as Unix seconds, or of the evaluation time without one.</summary>
    private VectorValue Calendar(Call call, long timeMs, Func<double, double> part) =>
        call.Args.Count == 0
            ? new VectorValue(timeMs, [new Sample(Labels.Empty, part(timeMs / 1000.0))])
            : Map(call, timeMs, part);
}
