namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// <c>label_replace(v, "dst", "replacement", "src", "regex")</c>: where the (anchored) regex matches label
/// <see cref="Source"/>, label <see cref="Destination"/> becomes the replacement with <c>$1</c>, <c>${name}</c> expanded.
/// </summary>
public sealed record LabelReplaceExpr(MetricExpr Inner, string Destination, string Replacement, string Source, string Regex) : MetricExpr;
