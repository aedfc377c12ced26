using OllyStack.Alerting.Rules;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// What a rule reads when it runs on the stream: each selector with the window of samples (or, for a LogQL rule,
/// log lines) it needs. Only rules whose every selector reads a bounded, recent window stream: in PromQL no <c>@</c>,
/// no negative offset, no subquery, nothing further back than <see cref="MaxWindow"/>; in LogQL nothing further back
/// than <see cref="MaxLogWindow"/>. Everything else runs on the interval.
/// </summary>
/// <param name="ReadsLogs">Whether the selectors are LogQL stream selectors, fed from the logs topic.</param>
public sealed record StreamingPlan(IReadOnlyList<StreamingPlan.Selector> Selectors, bool ReadsLogs)
{
    /// <summary>How far back a streaming PromQL rule may read: the memory every matching series spends on it.</summary>
    public static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);

    /// <summary>How far back a streaming LogQL rule may read: its streams keep every line of the window.</summary>
    public static readonly TimeSpan MaxLogWindow = TimeSpan.FromMinutes(15);

    /// <param name="WindowMs">How far back samples must be kept: range plus offset; 0 for an instant selector without offset (its latest sample).</param>
    /// <param name="ReadMs">How far back a seed from the store reads: the window, or the lookback for an instant selector.</param>
    public sealed record Selector(IReadOnlyList<StorageMatcher> Matchers, long WindowMs, long ReadMs)
    {
        public bool IsInstant => WindowMs == 0;
    }

    /// <summary>The plan, or null when the rule must run on the interval.</summary>
    public static StreamingPlan? For(RuleQuery query, TimeSpan lookback) => query switch
    {
        PromQLRuleQuery promQL => For(promQL.Expr, lookback),
        LogQLRuleQuery logQL => For(logQL.Expr),
        _ => null,
    };

    private static StreamingPlan? For(Expr expr, TimeSpan lookback)
    {
        var selectors = new List<Selector>();
        var ranges = new Dictionary<VectorSelector, TimeSpan>(ReferenceEqualityComparer.Instance);
        foreach (var node in ExprTree.SelfAndDescendants(expr))
        {
            switch (node)
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
        return new StreamingPlan(selectors, ReadsLogs: false);
    }

    private static StreamingPlan? For(MetricExpr expr)
    {
        var selectors = new List<Selector>();
        foreach (var range in RangesOf(expr).Select(r => r.Range))
        {
            var window = range.Range + range.Offset;
            if (window > MaxLogWindow) return null;
            var windowMs = (long)Math.Ceiling(window.TotalMilliseconds);
            selectors.Add(new Selector(range.Selector.Matchers, windowMs, windowMs));
        }
        return new StreamingPlan(selectors, ReadsLogs: true);
    }

    /// <summary>The range aggregations of a LogQL expression, left to right: one selector each.</summary>
    internal static IEnumerable<RangeAggregationExpr> RangesOf(MetricExpr expr) => expr switch
    {
        RangeAggregationExpr range => [range],
        VectorAggregationExpr vector => RangesOf(vector.Inner),
        BinaryOpExpr binary => [.. RangesOf(binary.Left), .. RangesOf(binary.Right)],
        LabelReplaceExpr replace => RangesOf(replace.Inner),
        _ => [],
    };

    private static Selector? PlanOf(VectorSelector vector, TimeSpan range, TimeSpan lookback)
    {
        if (vector.At is not null || vector.Offset < TimeSpan.Zero) return null;
        var window = range > TimeSpan.Zero ? range + vector.Offset : vector.Offset > TimeSpan.Zero ? vector.Offset + lookback : TimeSpan.Zero;
        if (window > MaxWindow) return null;
        var read = window > TimeSpan.Zero ? window : lookback;
        return new Selector(vector.StorageMatchers(), (long)window.TotalMilliseconds, (long)read.TotalMilliseconds);
    }
}
