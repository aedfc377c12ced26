using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary><c>and</c>, <c>or</c>, <c>unless</c>: the left side's samples whose match signature the right side has (or lacks).</summary>
internal sealed class SetOperationNode(BinaryOp op, VectorMatching matching, VectorNode lhs, VectorNode rhs) : VectorNode
{
    private readonly HashSet<Labels> _signatures = [];
    private readonly List<Sample> _result = [];
    private readonly DerivedLabels _signature = DerivedLabels.Signature(matching);

    public override List<Sample> Evaluate(long timeMs)
    {
        var left = lhs.Evaluate(timeMs);
        var right = rhs.Evaluate(timeMs);
        _result.Clear();
        _signatures.Clear();
        if (op == BinaryOp.Or)
        {
            foreach (var sample in left)
            {
                _signatures.Add(_signature.Of(sample.Labels));
                _result.Add(sample);
            }
            foreach (var sample in right)
                if (!_signatures.Contains(_signature.Of(sample.Labels))) _result.Add(sample);
            return _result;
        }
        foreach (var sample in right) _signatures.Add(_signature.Of(sample.Labels));
        var keep = op == BinaryOp.And;
        foreach (var sample in left)
            if (_signatures.Contains(_signature.Of(sample.Labels)) == keep) _result.Add(sample);
        return _result;
    }
}
