using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// Evaluates LogQL with Loki 2.9/3.x semantics over an <see cref="ILogSource"/>. Thread-safe: each query gets its own
/// pipeline and evaluator. Times are Unix nanoseconds; metric results use the PromQL result types (times in
/// milliseconds), so the Prometheus-style JSON writers serve them as they are. Range aggregations take their samples from
/// <paramref name="samples"/> where it keeps them, else from the lines of <paramref name="source"/>.
/// </summary>
public sealed class LogQLEngine(ILogSource source, LogQLLimits? limits = null, ILogSampleSource? samples = null)
{
    private const string InstantLogQuery = "log queries are not supported as an instant query type, please change your query to a range query type";

    private readonly LogQLLimits _limits = limits ?? new LogQLLimits();

    /// <summary>
    /// The lines of a log query with <paramref name="startUnixNano"/> &lt;= time &lt; <paramref name="endUnixNano"/>: at
    /// most <paramref name="limit"/> lines, the first ones in <paramref name="direction"/> (backward: newest first).
    /// </summary>
    /// <exception cref="LogQLParseException">The query is not valid LogQL.</exception>
    /// <exception cref="LogQLEvaluationException">The query is a metric query.</exception>
    /// <exception cref="LogQLLimitException">The query read more than its limits allow.</exception>
    public LogQueryResult QueryLogs(string tenant, string query, long startUnixNano, long endUnixNano, int limit, LogDirection direction,
        CancellationToken cancellationToken = default) =>
        QueryLogs(tenant, LogQLParser.Parse(query) as LogSelectorExpr ?? throw new LogQLEvaluationException("a metric query returns samples, not log lines; run it as a metric query"),
            startUnixNano, endUnixNano, limit, direction, cancellationToken);

    /// <inheritdoc cref="QueryLogs(string, string, long, long, int, LogDirection, CancellationToken)"/>
    public LogQueryResult QueryLogs(string tenant, LogSelectorExpr query, long startUnixNano, long endUnixNano, int limit, LogDirection direction,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return LogQueryEvaluator.Evaluate(source, tenant, query, startUnixNano, endUnixNano, limit, direction, _limits, cancellationToken);
    }

    /// <summary>
    /// A metric query at <paramref name="timeUnixNano"/>: a <see cref="VectorValue"/> (sorted by labels, except after
    /// <c>sort</c>/<c>sort_desc</c>) or, for arithmetic of numbers only, a <see cref="ScalarValue"/>. Range aggregations
    /// read the window <c>[t - range, t)</c>.
    /// </summary>
    /// <exception cref="LogQLParseException">The query is not valid LogQL.</exception>
    /// <exception cref="LogQLEvaluationException">The query is a log query, or its lines carry pipeline errors it did not filter out.</exception>
    /// <exception cref="LogQLLimitException">The query read or held more than its limits allow.</exception>
    public QueryValue QueryInstant(string tenant, string query, long timeUnixNano, CancellationToken cancellationToken = default) =>
        QueryInstant(tenant, LogQLParser.Parse(query), timeUnixNano, cancellationToken);

    /// <inheritdoc cref="QueryInstant(string, string, long, CancellationToken)"/>
    public QueryValue QueryInstant(string tenant, LogQLExpr query, long timeUnixNano, CancellationToken cancellationToken = default)
    {
        var metric = query as MetricExpr ?? throw new LogQLEvaluationException(InstantLogQuery);
        var evaluator = new MetricEvaluator(source, samples, tenant, new StepGrid(timeUnixNano, timeUnixNano, 1, Instant: true), _limits, cancellationToken);
        var timeMs = Milliseconds(timeUnixNano);
        return evaluator.Evaluate(metric) switch
        {
            ScalarSteps scalar => new ScalarValue(timeMs, scalar.Value),
            VectorSteps vector => new VectorValue(timeMs, IsOrdered(metric) ? vector.Steps[0] : [.. vector.Steps[0].OrderBy(s => s.Labels)]),
            _ => throw new InvalidOperationException("unknown step values"),
        };
    }

    /// <summary>
    /// A metric query at start, start + step, ... up to end, each step's range aggregations over <c>(t - range, t]</c>:
    /// one series per label set, sorted by labels (numbers alone give one series without labels).
    /// </summary>
    /// <exception cref="LogQLParseException">The query is not valid LogQL.</exception>
    /// <exception cref="LogQLEvaluationException">The query is a log query, the step or range is invalid, or its lines carry pipeline errors it did not filter out.</exception>
    /// <exception cref="LogQLLimitException">The query would have too many steps, or read or held more than its limits allow.</exception>
    public MatrixValue QueryRange(string tenant, string query, long startUnixNano, long endUnixNano, long stepNano, CancellationToken cancellationToken = default) =>
        QueryRange(tenant, LogQLParser.Parse(query) as MetricExpr ?? throw new LogQLEvaluationException("a log query returns lines, not samples; run it as a log query"),
            startUnixNano, endUnixNano, stepNano, cancellationToken);

    /// <inheritdoc cref="QueryRange(string, string, long, long, long, CancellationToken)"/>
    public MatrixValue QueryRange(string tenant, MetricExpr query, long startUnixNano, long endUnixNano, long stepNano, CancellationToken cancellationToken = default)
    {
        if (stepNano <= 0) throw new LogQLEvaluationException("zero or negative query resolution step widths are not accepted. Try a positive integer");
        if (endUnixNano < startUnixNano) throw new LogQLEvaluationException("end timestamp must not be before or equal to start time");
        var grid = new StepGrid(startUnixNano, endUnixNano, stepNano, Instant: false);
        // As Loki: more than the limit is refused, the limit itself is not, since Grafana's smallest step is range / 11,000.
        if ((endUnixNano - startUnixNano) / stepNano > _limits.MaxPointsPerSeries)
            throw new LogQLLimitException($"exceeded maximum resolution of {_limits.MaxPointsPerSeries} points per timeseries. Try decreasing the query resolution (?step=XX)");
        var evaluator = new MetricEvaluator(source, samples, tenant, grid, _limits, cancellationToken);
        var byLabels = new Dictionary<Labels, List<Point>>();
        switch (evaluator.Evaluate(query))
        {
            case ScalarSteps scalar:
                byLabels[Labels.Empty] = [.. Enumerable.Range(0, grid.Count).Select(i => new Point(Milliseconds(grid.At(i)), scalar.Value))];
                break;
            case VectorSteps vector:
                for (var i = 0; i < vector.Steps.Length; i++)
                {
                    foreach (var sample in vector.Steps[i])
                    {
                        if (!byLabels.TryGetValue(sample.Labels, out var points)) byLabels[sample.Labels] = points = [];
                        points.Add(new Point(Milliseconds(grid.At(i)), sample.Value));
                    }
                }
                break;
        }
        return new MatrixValue([.. byLabels.OrderBy(s => s.Key).Select(s => new Series(s.Key, s.Value))]);
    }

    private static bool IsOrdered(MetricExpr expr) => expr is VectorAggregationExpr { Op: VectorOp.Sort or VectorOp.SortDesc };

    private static long Milliseconds(long unixNano) => unixNano / 1_000_000;
}
