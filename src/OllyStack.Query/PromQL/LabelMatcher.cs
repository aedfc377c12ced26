namespace OllyStack.Query.PromQL;

/// <summary>
/// One <c>name op "value"</c> term of a selector. Regular expressions are fully anchored, as in Prometheus:
/// <c>=~"a.*"</c> matches values that start with "a", not values that contain "a".
/// </summary>
public sealed record LabelMatcher(string Name, LabelMatchType Type, string Value)
{
    /// <summary>The label that holds the metric name.</summary>
    public const string MetricNameLabel = "__name__";

    public override string ToString() => PromQLPrinter.Print(this);
}
