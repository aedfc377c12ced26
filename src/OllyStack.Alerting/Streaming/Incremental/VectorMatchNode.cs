using OllyStack.Alerting.Engine;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// <c>vector op vector</c> matched one-to-one <c>on</c> or <c>ignoring</c> labels — a ratio of two aggregations, or
/// a comparison of two vectors. The result carries the left side's labels reduced to the matching ones.
/// </summary>
internal sealed class VectorMatchNode(BinaryOp op, bool returnBool, VectorMatching matching, VectorNode lhs, VectorNode rhs) : VectorNode
{
    private readonly bool _filters = op.IsComparison() && !returnBool;
    private readonly Dictionary<Labels, Sample> _right = [];
    private readonly HashSet<Labels> _matched = [];
    private readonly List<Sample> _result = [];
    private readonly DerivedLabels _signature = DerivedLabels.Signature(matching);
    // One-to-one: nothing is copied from the right side, so the result labels depend on the left series alone.
    private readonly DerivedLabels _resultLabels = new(labels => VectorLabels.ResultLabels(labels, Labels.Empty, matching, BinaryArithmetic.DropsMetricName(op, returnBool)));
    private readonly LabelSetCheck _check = new();

    public override List<Sample> Evaluate(long timeMs)
    {
        var left = lhs.Evaluate(timeMs);
        var right = rhs.Evaluate(timeMs);
        _right.Clear();
        foreach (var sample in right)
        {
            var signature = _signature.Of(sample.Labels);
            if (_right.TryGetValue(signature, out var duplicate))
                throw new RuleEvaluationException(
                    $"found duplicate series for the match group {signature} on the right hand-side of the operation: " +
                    $"[{sample.Labels}, {duplicate.Labels}];many-to-many matching not allowed: matching labels must be unique on one side");
            _right[signature] = sample;
        }
        _matched.Clear();
        _result.Clear();
        foreach (var sample in left)
        {
            var signature = _signature.Of(sample.Labels);
            if (!_right.TryGetValue(signature, out var other)) continue;
            var value = BinaryArithmetic.Apply(op, sample.Value, other.Value);
            if (_filters)
            {
                if (value != 1) continue;
                value = sample.Value;
            }
            if (!_matched.Add(signature)) throw new RuleEvaluationException("multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)");
            _result.Add(new Sample(_resultLabels.Of(sample.Labels), value));
        }
        return _check.Checked(_result);
    }
}
