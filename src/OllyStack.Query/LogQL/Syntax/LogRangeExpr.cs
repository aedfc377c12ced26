namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// The log range a range aggregation reads: <c>{app="api"} | json | unwrap latency [5m] offset 1h</c>. Each step's
/// window is <see cref="Range"/> long and ends <see cref="Offset"/> before the step.
/// </summary>
public sealed record LogRangeExpr(LogSelectorExpr Selector, TimeSpan Range, UnwrapExpr? Unwrap, TimeSpan Offset);
