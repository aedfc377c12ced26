using OllyStack.Alerting.Rules;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// A rule expression the stream evaluates from running window state (<see cref="IncrementalCompiler"/>), bound to
/// its tenant's streamed series when the rule joins. A scalar result is one sample without labels, as in Prometheus.
/// </summary>
internal sealed class IncrementalQuery
{
    private readonly IncrementalExpr _root;
    private readonly SeriesBinding _binding;

    private IncrementalQuery(IncrementalExpr root, SeriesBinding binding) => (_root, _binding) = (root, binding);

    /// <summary>The compiled rule, or null when it must re-run the query engine (or is not PromQL at all).</summary>
    public static IncrementalQuery? For(RuleQuery query, TimeSpan lookback)
    {
        if (query is not PromQLRuleQuery promQL) return null;
        var binding = new SeriesBinding();
        return IncrementalCompiler.Compile(promQL.Expr, (long)lookback.TotalMilliseconds, binding) is { } root ? new IncrementalQuery(root, binding) : null;
    }

    public void Bind(StreamingSeriesSource source) => _binding.Source = source;

    public IReadOnlyList<Sample> Evaluate(long timeMs) => _root switch
    {
        ScalarNode scalar => [new Sample(Labels.Empty, scalar.Evaluate(timeMs))],
        VectorNode vector => vector.Evaluate(timeMs),
        _ => throw new InvalidOperationException($"unexpected node {_root.GetType().Name}"),
    };
}
