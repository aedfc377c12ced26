namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// Evaluates PromQL with Prometheus 2.x semantics over an <see cref="ISeriesSource"/>. Thread-safe: each query gets
/// its own evaluator, so one engine serves concurrent queries.
/// </summary>
public sealed class PromQLEngine(ISeriesSource source, PromQLEngineOptions? options = null)
{
    private readonly PromQLEngineOptions _options = options ?? new PromQLEngineOptions();

    public QueryValue EvaluateInstant(string query, long timeMs, CancellationToken cancellationToken = default) =>
        EvaluateInstant(PromQLParser.Parse(query), timeMs, cancellationToken);

    /// <summary>
    /// The value of <paramref name="expr"/> at <paramref name="timeMs"/>: a vector, scalar, string, or (for a range
    /// selector or subquery) a matrix. <c>@ start()</c> and <c>@ end()</c> both mean the evaluation time.
    /// </summary>
    public QueryValue EvaluateInstant(Expr expr, long timeMs, CancellationToken cancellationToken = default) =>
        Run(timeMs, timeMs, cancellationToken, evaluator =>
        {
            evaluator.PlanSelections(expr, timeMs, timeMs);
            var value = evaluator.EvaluateStep(expr, timeMs);
            return value is MatrixValue matrix ? new MatrixValue(matrix.Series.OrderBy(s => s.Labels).ToList()) : value;
        });

    public MatrixValue EvaluateRange(string query, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default) =>
        EvaluateRange(PromQLParser.Parse(query), startMs, endMs, stepMs, cancellationToken);

    /// <summary>
    /// The expression at <paramref name="startMs"/>, start + step, ... up to <paramref name="endMs"/>, one series per label
    /// set (a scalar becomes a series without labels), sorted by labels.
    /// </summary>
    public MatrixValue EvaluateRange(Expr expr, long startMs, long endMs, long stepMs, CancellationToken cancellationToken = default)
    {
        if (expr.Type is not (ExprType.Scalar or ExprType.InstantVector))
            throw new PromQLEvaluationException($"invalid expression type \"{expr.Type.Describe()}\" for range query, must be Scalar or instant Vector");
        if (stepMs <= 0) throw new PromQLEvaluationException("zero or negative query resolution step widths are not accepted");
        if (endMs < startMs) throw new PromQLEvaluationException("end timestamp must not be before start time");

        return Run(startMs, endMs, cancellationToken, evaluator =>
        {
            evaluator.PlanSelections(expr, startMs, endMs);
            evaluator.UseStepGrid(expr, startMs, endMs, stepMs);
            if ((evaluator.TryEvaluateRangeAsSeriesStreams(expr) ?? evaluator.TryEvaluateRangeOnGrid(expr)) is { } computed) return computed;
            var byLabels = new Dictionary<Labels, List<Point>>();
            for (var t = startMs; t <= endMs; t += stepMs)
            {
                var value = evaluator.EvaluateStep(expr, t);
                if (value is ScalarValue scalar) Add(Labels.Empty, new Point(t, scalar.Value));
                else foreach (var sample in ((VectorValue)value).Samples) Add(sample.Labels, new Point(t, sample.Value));
            }
            return new MatrixValue(byLabels.OrderBy(p => p.Key).Select(p => new Series(p.Key, p.Value)).ToList());

            void Add(Labels labels, Point point)
            {
                if (!byLabels.TryGetValue(labels, out var points)) byLabels[labels] = points = [];
                points.Add(point);
                evaluator.CountResultPoint();
            }
        });
    }

    private T Run<T>(long startMs, long endMs, CancellationToken cancellationToken, Func<Evaluator, T> evaluate)
    {
        var budget = new QueryBudget(_options.Limits, cancellationToken);
        using var evaluator = new Evaluator(source, _options, startMs, endMs, budget);
        return evaluate(evaluator);
    }
}
