using OllyStack.Query.PromQL;
using StorageMatcher = OllyStack.Storage.Index.LabelMatcher;
using StorageMatchType = OllyStack.Storage.Index.LabelMatchType;

namespace OllyStack.Query.Api;

/// <summary>Turns the <c>match[]</c> series selectors of the metadata APIs into storage label matchers.</summary>
public static class SeriesSelectors
{
    public static List<List<StorageMatcher>> Parse(IReadOnlyList<string> selectors)
    {
        var parsed = new List<List<StorageMatcher>>(selectors.Count);
        foreach (var text in selectors)
        {
            Expr expr;
            try
            {
                expr = PromQLParser.Parse(text);
            }
            catch (PromQLParseException e)
            {
                throw ApiException.BadData($"invalid parameter \"match[]\": {e.Message}");
            }
            if (expr is not VectorSelector selector)
                throw ApiException.BadData($"invalid parameter \"match[]\": {text} is not a series selector like metric{{label=\"value\"}}");
            parsed.Add(ToStorage(selector.SeriesMatchers()));
        }
        return parsed;
    }

    public static List<StorageMatcher> ToStorage(IEnumerable<LabelMatcher> matchers)
    {
        try
        {
            return matchers.Select(m => new StorageMatcher(m.Type switch
            {
                LabelMatchType.Equal => StorageMatchType.Equal,
                LabelMatchType.NotEqual => StorageMatchType.NotEqual,
                LabelMatchType.Regex => StorageMatchType.Regex,
                _ => StorageMatchType.NotRegex,
            }, m.Name, m.Value)).ToList();
        }
        catch (ArgumentException e)
        {
            throw ApiException.BadData(e.Message);
        }
    }
}
