namespace OllyStack.Query.PromQL;

/// <summary>A query that is not valid PromQL (see <see cref="QueryParseException"/> for the message's form).</summary>
public sealed class PromQLParseException(string query, int position, int length, string reason)
    : QueryParseException(query, position, length, reason);
