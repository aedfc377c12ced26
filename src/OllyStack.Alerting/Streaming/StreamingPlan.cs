using OllyStack.Alerting.Rules;
using OllyStack.Query.PromQL;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// What a rule reads when it runs on the stream: each selector with the window of samples it needs. Only PromQL rules
/// whose every selector reads a bounded, recent window stream: no <c>@</c>, no negative offset, no subquery, nothing
/// further back than <see cref="MaxWindow"/>. Everything else runs on the interval.
/// </summary>
public sealed record StreamingPlan(IReadOnlyList<StreamingPlan.Selector> Selectors)
{
    /// <summary>How far back a streaming rule may read: the memory every matching series spends on it.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);

    /// <param name="WindowMs">How far back samples must be kept: range plus offset; 0 for an instant selector without offset (its latest sample).</param>
    /// <param name="ReadMs">How far back a seed from the store reads: the window, or the lookback for an instant selector.</param>
    public sealed record Selector(IReadOnlyList<StorageMatcher> Matchers, long WindowMs, long ReadMs)
    {
        public bool IsInstant => WindowMs == 0;
    }

    /// <summary>The plan, or null when the rule must run on the interval.</summary>
    public static StreamingPlan? For(RuleQuery query, TimeSpan lookback)
    {
        if (query is not PromQLRuleQuery promQL) return null;
        var selectors = new List<Selector>();
        var ranges = new Dictionary<VectorSelector, TimeSpan>(ReferenceEqualityComparer.Instance);
        foreach (var expr in ExprTree.SelfAndDescendants(promQL.Expr))
        {
            switch (expr)
            {
                case SubqueryExpr:
                    return null;
                case MatrixSelector matrix:
                    ranges[matrix.Selector] = matrix.Range;
                    break;
                case VectorSelector vector:
                    if (PlanOf(vector, ranges.GetValueOrDefault(vector), lookback) is not { } selector) return null;
                    selectors.Add(selector);
                    break;
            }
        }
        return new StreamingPlan(selectors);
    }

    private static Selector? PlanOf(VectorSelector vector, TimeSpan range, TimeSpan lookback)
    {
        if (vector.At is not null || vector.Offset < TimeSpan.Zero) return null;
        var window = range > TimeSpan.Zero ? range + vector.Offset : vector.Offset > TimeSpan.Zero ? vector.Offset + lookback : TimeSpan.Zero;
        if (window > MaxWindow) return null;
        var read = window > TimeSpan.Zero ? window : lookback;
        return new Selector(vector.StorageMatchers(), (long)window.TotalMilliseconds, (long)read.TotalMilliseconds);
    }
}
