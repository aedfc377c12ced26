using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary><c>-vector</c>: each value negated, the metric name dropped.</summary>
internal sealed class VectorNegationNode(VectorNode vector) : VectorNode
{
    private readonly List<Sample> _result = [];
    private readonly LabelSetCheck _check = new();

    public override List<Sample> Evaluate(long timeMs)
    {
        _result.Clear();
        foreach (var sample in vector.Evaluate(timeMs)) _result.Add(new Sample(sample.Labels.WithoutMetricName(), -sample.Value));
        return _check.Checked(_result);
    }
}
