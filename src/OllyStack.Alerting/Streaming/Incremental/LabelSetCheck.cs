using OllyStack.Alerting.Engine;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// Fails, as Prometheus does, when an operation that dropped the metric name left two series with one label set.
/// Keeps its set between evaluations so a check allocates nothing once warm.
/// </summary>
internal sealed class LabelSetCheck
{
    private readonly HashSet<Labels> _seen = [];

    public List<Sample> Checked(List<Sample> samples)
    {
        if (samples.Count < 2) return samples;
        _seen.Clear();
        foreach (var sample in samples)
            if (!_seen.Add(sample.Labels)) throw new RuleEvaluationException("vector cannot contain metrics with the same labelset");
        return samples;
    }
}
