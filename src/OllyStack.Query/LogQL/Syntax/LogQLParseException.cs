using OllyStack.Query.PromQL;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>A query that is not valid LogQL (see <see cref="QueryParseException"/> for the message's form).</summary>
public sealed class LogQLParseException(string query, int position, int length, string reason)
    : QueryParseException(query, position, length, reason);
