using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;
using StorageMatchType = OllyStack.Storage.Index.LabelMatchType;

namespace OllyStack.Query.PromQL;

/// <summary>
/// An instant vector selector: <c>metric{label="value", ...} @ time offset duration</c>.
/// <see cref="Matchers"/> are the matchers written in braces; a metric name written before the braces is kept in
/// <see cref="MetricName"/> (<c>{__name__="x"}</c> keeps it as a matcher, as written).
/// A positive <see cref="Offset"/> looks back in time; zero means no offset.
/// </summary>
public sealed record VectorSelector(
    string? MetricName,
    ValueList<LabelMatcher> Matchers,
    TimeSpan Offset = default,
    AtModifier? At = null) : Expr
{
    public override ExprType Type => ExprType.InstantVector;

    /// <summary>Every matcher a series must satisfy: the matchers in braces plus <c>__name__="MetricName"</c>.</summary>
    public IEnumerable<LabelMatcher> SeriesMatchers() =>
        MetricName is null ? Matchers : Matchers.Append(new LabelMatcher(LabelMatcher.MetricNameLabel, LabelMatchType.Equal, MetricName));

    /// <summary><see cref="SeriesMatchers"/> as storage and every other series source is asked for them.</summary>
    public IReadOnlyList<StorageMatcher> StorageMatchers() => [.. SeriesMatchers().Select(ToStorage)];

    private static StorageMatcher ToStorage(LabelMatcher matcher) => new(
        matcher.Type switch
        {
            LabelMatchType.Equal => StorageMatchType.Equal,
            LabelMatchType.NotEqual => StorageMatchType.NotEqual,
            LabelMatchType.Regex => StorageMatchType.Regex,
            _ => StorageMatchType.NotRegex,
        },
        matcher.Name,
        matcher.Value);
}
