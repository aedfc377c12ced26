using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// <c>vector op scalar</c> or <c>scalar op vector</c>: arithmetic on each value, or a comparison that keeps the
/// vector's samples it holds for (with <c>bool</c>: 1 or 0 for each) — a rule's threshold.
/// </summary>
internal sealed class VectorScalarNode(BinaryOp op, bool returnBool, VectorNode vector, ScalarNode scalar, bool scalarOnLeft) : VectorNode
{
    private readonly bool _dropName = BinaryArithmetic.DropsMetricName(op, returnBool);
    private readonly bool _filters = op.IsComparison() && !returnBool;
    private readonly List<Sample> _result = [];
    private readonly LabelSetCheck _check = new();

    public override List<Sample> Evaluate(long timeMs)
    {
        var samples = vector.Evaluate(timeMs);
        var operand = scalar.Evaluate(timeMs);
        _result.Clear();
        foreach (var sample in samples)
        {
            var value = scalarOnLeft ? BinaryArithmetic.Apply(op, operand, sample.Value) : BinaryArithmetic.Apply(op, sample.Value, operand);
            var labels = _dropName ? sample.Labels.WithoutMetricName() : sample.Labels;
            if (!_filters) _result.Add(new Sample(labels, value));
            else if (value == 1) _result.Add(new Sample(labels, sample.Value));
        }
        return _check.Checked(_result);
    }
}
