using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

internal sealed partial class MetricEvaluator
{
    /// <summary><c>label_replace</c> as in Prometheus: where the anchored regex matches the source label, the destination becomes the expanded replacement (empty removes it).</summary>
    private StepValues EvaluateLabelReplace(LabelReplaceExpr expr)
    {
        if (Evaluate(expr.Inner) is not VectorSteps inner) throw new LogQLEvaluationException("label_replace needs a vector, not a scalar");
        var regex = GoRegex.Anchored(expr.Regex);
        var replaced = new Dictionary<Labels, Labels>();
        return PerStep(inner, samples => [.. samples.Select(sample =>
        {
            if (!replaced.TryGetValue(sample.Labels, out var labels))
            {
                var match = regex.Match(sample.Labels.Get(expr.Source));
                replaced[sample.Labels] = labels = match.Success ? sample.Labels.With(expr.Destination, match.Result(expr.Replacement)) : sample.Labels;
            }
            return sample with { Labels = labels };
        })]);
    }
}
