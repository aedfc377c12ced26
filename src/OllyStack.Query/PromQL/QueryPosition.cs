namespace OllyStack.Query.PromQL;

/// <summary>Where an offset falls in a query's text, as PromQL and LogQL parse errors report it.</summary>
internal static class QueryPosition
{
    /// <summary>Line and column of <paramref name="position"/>, both from 1; columns count UTF-16 characters.</summary>
    public static (int Line, int Column) LineAndColumn(string query, int position)
    {
        var before = query.AsSpan(0, Math.Clamp(position, 0, query.Length));
        var lastNewline = before.LastIndexOf('\n');
        return (before.Count('\n') + 1, position - lastNewline);
    }
}
