using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// A stream selector and its pipeline: <c>{app="api"} |= "error" | json | status &gt;= 500</c>. At least one matcher
/// does not match the empty value, as Loki requires, so a query never selects every stream.
/// </summary>
public sealed record LogSelectorExpr(IReadOnlyList<LabelMatcher> Matchers, IReadOnlyList<StageExpr> Stages) : LogQLExpr;
