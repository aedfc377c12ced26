using OllyStack.Alerting.Rules;

namespace OllyStack.Alerting.Engine;

/// <summary>What a rule's evaluation needs beyond its group: where people reach us, how often alerts are re-sent, the group's interval.</summary>
internal sealed record RuleContext(string ExternalUrl, TimeSpan ResendDelay, TimeSpan Interval)
{
    /// <summary>The page that shows the rule's expression, as Prometheus links it from each alert.</summary>
    public string GeneratorUrl(Rule rule) =>
        $"{ExternalUrl.TrimEnd('/')}/graph?g0.expr={Uri.EscapeDataString(rule.Query.Text)}&g0.tab=1";
}
