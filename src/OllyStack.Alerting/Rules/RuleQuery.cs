using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL;

namespace OllyStack.Alerting.Rules;

/// <summary>A rule's expression as written and as parsed, in its language.</summary>
public abstract record RuleQuery(string Text)
{
    public abstract QueryLanguage Language { get; }

    /// <summary>The expression in canonical form, as Prometheus' rules API shows it (<c>up==0</c> → <c>up == 0</c>).</summary>
    public abstract string Canonical { get; }
}

/// <summary>A PromQL expression that evaluates to an instant vector or a scalar.</summary>
public sealed record PromQLRuleQuery(string Text, Expr Expr) : RuleQuery(Text)
{
    public override QueryLanguage Language => QueryLanguage.PromQL;

    public override string Canonical => Expr.ToString();
}

/// <summary>A LogQL metric query (<c>sum by (service) (count_over_time({level="error"} |= "timeout" [1m])) > 5</c>).</summary>
public sealed record LogQLRuleQuery(string Text, MetricExpr Expr) : RuleQuery(Text)
{
    public override QueryLanguage Language => QueryLanguage.LogQL;

    public override string Canonical => Expr.ToString();
}
