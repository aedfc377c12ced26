using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// Evaluates a metric query over a <see cref="StepGrid"/>: each range aggregation reads its lines once for all steps,
/// (or takes them from <paramref name="samples"/>), and the operators above it work step by step on the vectors. One
/// evaluator per query.
/// </summary>
internal sealed partial class MetricEvaluator(
    ILogSource source, ILogSampleSource? samples, string tenant, StepGrid grid, LogQLLimits limits, CancellationToken cancellationToken)
{
    private readonly ScanBudget budget = new(limits, cancellationToken);
    private long samplesHeld;

    public StepValues Evaluate(MetricExpr expr)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return expr switch
        {
            LiteralExpr literal => new ScalarSteps(literal.Value),
            VectorExpr vector => EvaluateVector(vector.Value),
            RangeAggregationExpr range => EvaluateRange(range),
            VectorAggregationExpr aggregation => EvaluateAggregation(aggregation),
            BinaryOpExpr binary => EvaluateBinary(binary),
            LabelReplaceExpr replace => EvaluateLabelReplace(replace),
            _ => throw new ArgumentException($"unknown expression {expr.GetType().Name}", nameof(expr)),
        };
    }

    private VectorSteps EvaluateVector(double value)
    {
        var steps = VectorSteps.Empty(grid.Count);
        foreach (var step in steps.Steps) step.Add(new Sample(Labels.Empty, value));
        return steps;
    }
}
