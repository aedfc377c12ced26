namespace OllyStack.Query.PromQL;

/// <summary>The words the lexer turns into keyword tokens outside braces. Keywords are case-insensitive.</summary>
internal static class Keywords
{
    private static readonly Dictionary<string, TokenKind> ByWord = new(StringComparer.OrdinalIgnoreCase)
    {
        ["and"] = TokenKind.And,
        ["or"] = TokenKind.Or,
        ["unless"] = TokenKind.Unless,
        ["atan2"] = TokenKind.Atan2,
        ["offset"] = TokenKind.Offset,
        ["by"] = TokenKind.By,
        ["without"] = TokenKind.Without,
        ["on"] = TokenKind.On,
        ["ignoring"] = TokenKind.Ignoring,
        ["group_left"] = TokenKind.GroupLeft,
        ["group_right"] = TokenKind.GroupRight,
        ["bool"] = TokenKind.Bool,
        ["start"] = TokenKind.Start,
        ["end"] = TokenKind.End,
        // Inf and NaN are number literals, not names.
        ["inf"] = TokenKind.Number,
        ["nan"] = TokenKind.Number,
    };

    /// <summary>The token a word without colons lexes to: a keyword, an aggregation, a number or an identifier.</summary>
    public static TokenKind Classify(string word) =>
        ByWord.TryGetValue(word, out var kind) ? kind
        : AggregationOperators.TryParse(word, out _) ? TokenKind.Aggregator
        : TokenKind.Identifier;

    /// <summary>
    /// The keywords that may still name a metric where an expression starts (<c>sum</c> alone is a metric named
    /// "sum"), as in Prometheus' grammar; <c>on</c>, <c>bool</c>, <c>atan2</c> and the grouping keywords may not.
    /// </summary>
    public static bool CanNameMetric(TokenKind kind) => kind is TokenKind.Aggregator or TokenKind.And or TokenKind.Or
        or TokenKind.Unless or TokenKind.Offset or TokenKind.By or TokenKind.Without or TokenKind.Start or TokenKind.End;

    /// <summary>Tokens that may name a label in a grouping list: identifiers and every keyword.</summary>
    public static bool CanNameLabel(TokenKind kind) =>
        kind is TokenKind.Identifier or TokenKind.Aggregator || kind is >= TokenKind.And and <= TokenKind.End;
}
