using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// <c>histogram_quantile(φ, buckets)</c> over the current values of its bucket input — typically the per-bucket rates
/// the stream keeps, summed by <c>le</c> and the labels of interest — with the query engine's interpolation.
/// </summary>
internal sealed class HistogramQuantileNode(ScalarNode phi, VectorNode buckets) : VectorNode
{
    public override List<Sample> Evaluate(long timeMs)
    {
        var phiValue = phi.Evaluate(timeMs);
        var input = buckets.Evaluate(timeMs);
        return [.. HistogramQuantile.Evaluate(phiValue, new VectorValue(timeMs, input)).Samples];
    }
}
