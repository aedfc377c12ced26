namespace OllyStack.Query.PromQL.Evaluation;

// Subqueries: the inner expression at every step of the subquery's own grid inside the range.
internal sealed partial class Evaluator
{
    /// <summary>Inner values by subquery node (by identity: hashing a record walks its subtree) and evaluation time.</summary>
    private readonly Dictionary<SubqueryExpr, Dictionary<long, QueryValue>> _subqueryPoints = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Evaluates the inner expression at the absolute multiples of the step within [t - range, t] (after offset and
    /// <c>@</c>), as Prometheus aligns subquery steps, so consecutive evaluations reuse the same inner points.
    /// </summary>
    private MatrixValue EvaluateSubquery(SubqueryExpr subquery, long timeMs)
    {
        var stepMs = (long)(subquery.Step ?? _options.DefaultSubqueryStep).TotalMilliseconds;
        var endMs = ReferenceTime(subquery.At, subquery.Offset, timeMs);
        var rangeStartMs = endMs - (long)subquery.Range.TotalMilliseconds;
        // Integer division truncates towards zero like Go's, which this alignment mirrors for negative times.
        var startMs = stepMs * (rangeStartMs / stepMs);
        if (startMs < rangeStartMs) startMs += stepMs;

        if (!_subqueryPoints.TryGetValue(subquery, out var known)) _subqueryPoints[subquery] = known = [];
        var byLabels = new Dictionary<Labels, List<Point>>();
        for (var t = startMs; t <= endMs; t += stepMs)
        {
            _budget.ThrowIfCancelled();
            if (!known.TryGetValue(t, out var value)) known[t] = value = Evaluate(subquery.Expr, t);
            switch (value)
            {
                case ScalarValue scalar:
                    Add(Labels.Empty, new Point(t, scalar.Value));
                    break;
                case VectorValue vector:
                    foreach (var sample in vector.Samples) Add(sample.Labels, new Point(t, sample.Value));
                    break;
                default:
                    throw new PromQLEvaluationException($"subquery is only allowed on instant vector or scalar, got {value.Type.Describe()}");
            }
        }
        return new MatrixValue(byLabels.Select(p => new Series(p.Key, p.Value)).ToList());

        void Add(Labels labels, Point point)
        {
            if (!byLabels.TryGetValue(labels, out var points)) byLabels[labels] = points = [];
            points.Add(point);
            _budget.AddStepSamples(1);
        }
    }
}
