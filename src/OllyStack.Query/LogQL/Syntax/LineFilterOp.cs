namespace OllyStack.Query.LogQL.Syntax;

/// <summary>How a line filter tests a line against its values.</summary>
public enum LineFilterOp
{
    /// <summary><c>|=</c>: contains one of the values.</summary>
    Contains,

    /// <summary><c>!=</c>: contains none of the values.</summary>
    NotContains,

    /// <summary><c>|~</c>: one of the (unanchored) regular expressions matches.</summary>
    Regex,

    /// <summary><c>!~</c>: none of the regular expressions matches.</summary>
    NotRegex,

    /// <summary><c>|&gt;</c>: the whole line matches one of the patterns.</summary>
    Pattern,

    /// <summary><c>!&gt;</c>: the line matches none of the patterns.</summary>
    NotPattern,
}
