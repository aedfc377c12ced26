using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Parses a rule's <c>expr</c>. A rule, or its whole group, may say <c>query_language: logql</c> or <c>promql</c>.
/// Without it an expression is PromQL when it parses as PromQL, and LogQL when it only parses as a LogQL metric
/// query — so <c>count_over_time({level="error"} |= "timeout" [1m]) > 5</c> is LogQL without saying so, but
/// <c>count_over_time({app="shop"}[5m])</c>, valid in both, is PromQL unless the rule says logql (rule files written
/// for Loki's ruler should put <c>query_language: logql</c> on each group).
/// </summary>
public static class RuleQueryParser
{
    /// <param name="declared">The language the rule or its group names, or null when neither does.</param>
    /// <exception cref="RuleQueryException">The expression is not a valid rule expression; the message says why.</exception>
    public static RuleQuery Parse(string text, QueryLanguage? declared) => declared switch
    {
        QueryLanguage.PromQL => ParsePromQL(text),
        QueryLanguage.LogQL => ParseLogQL(text),
        _ => ParseEither(text),
    };

    private static RuleQuery ParseEither(string text)
    {
        QueryParseException promQLError;
        try
        {
            return PromQL(text, PromQLParser.Parse(text));
        }
        catch (PromQLParseException e)
        {
            promQLError = e;
        }
        try
        {
            return LogQL(text, LogQLParser.Parse(text));
        }
        catch (LogQLParseException e) when (e.Position > promQLError.Position)
        {
            // The LogQL parser read further than the PromQL one did: the expression was meant as LogQL.
            throw new RuleQueryException($"could not parse expression as LogQL: {e.Message}");
        }
        catch (LogQLParseException)
        {
            throw new RuleQueryException($"could not parse expression: {promQLError.Message}");
        }
    }

    private static PromQLRuleQuery ParsePromQL(string text)
    {
        try
        {
            return PromQL(text, PromQLParser.Parse(text));
        }
        catch (PromQLParseException e)
        {
            throw new RuleQueryException($"could not parse expression: {e.Message}");
        }
    }

    private static LogQLRuleQuery ParseLogQL(string text)
    {
        try
        {
            return LogQL(text, LogQLParser.Parse(text));
        }
        catch (LogQLParseException e)
        {
            throw new RuleQueryException($"could not parse expression as LogQL: {e.Message}");
        }
    }

    private static PromQLRuleQuery PromQL(string text, Expr expr) => expr.Type is ExprType.InstantVector or ExprType.Scalar
        ? new PromQLRuleQuery(text, expr)
        : throw new RuleQueryException($"expression must evaluate to an instant vector or a scalar, not a {expr.Type.Describe()}");

    private static LogQLRuleQuery LogQL(string text, LogQLExpr expr) => expr is MetricExpr metric
        ? new LogQLRuleQuery(text, metric)
        : throw new RuleQueryException("a LogQL rule needs a metric query, such as count_over_time({app=\"shop\"} |= \"error\" [5m]) > 0, not a log query");
}
