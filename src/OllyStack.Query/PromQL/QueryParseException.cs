namespace OllyStack.Query.PromQL;

/// <summary>
/// A query that does not parse, in either of our query languages. The message has Prometheus' form,
/// <c>line:column: parse error: reason</c>; lines and columns count from 1, columns in UTF-16 characters.
/// </summary>
public abstract class QueryParseException : Exception
{
    protected QueryParseException(string query, int position, int length, string reason)
        : base(Format(query, position, reason))
    {
        Position = position;
        Length = length;
        Reason = reason;
        (Line, Column) = QueryPosition.LineAndColumn(query, position);
    }

    /// <summary>Offset of the offending text in the query (the query's length at end of input).</summary>
    public int Position { get; }

    /// <summary>Length of the offending text; zero at end of input.</summary>
    public int Length { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>What is wrong, without the position: <c>unexpected end of input, expected "]"</c>.</summary>
    public string Reason { get; }

    private static string Format(string query, int position, string reason)
    {
        var (line, column) = QueryPosition.LineAndColumn(query, position);
        return $"{line}:{column}: parse error: {reason}";
    }
}
