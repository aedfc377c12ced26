using OllyStack.Query.LogQL.Syntax;
using OllyStack.Storage.Index;

namespace OllyStack.Query.Api.Loki;

/// <summary>Stream selectors of the label and series endpoints: LogQL log queries whose pipelines are ignored.</summary>
public static class LokiSelectors
{
    /// <summary>The selector's matchers; a query that is not a log query is a 400 naming it.</summary>
    public static IReadOnlyList<LabelMatcher> Parse(string query, string parameter)
    {
        LogQLExpr parsed;
        try
        {
            parsed = LogQLParser.Parse(query);
        }
        catch (LogQLParseException e)
        {
            throw ApiException.BadData($"invalid {parameter} \"{query}\": {e.Message}");
        }
        return parsed is LogSelectorExpr selector
            ? selector.Matchers
            : throw ApiException.BadData($"invalid {parameter} \"{query}\": a stream selector such as {{service_name=\"api\"}} is expected, not a metric query");
    }
}
