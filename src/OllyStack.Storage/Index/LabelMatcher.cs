using System.Text.RegularExpressions;

namespace OllyStack.Storage.Index;

/// <summary>
/// One label matcher (<c>name="v"</c>, <c>!=</c>, <c>=~</c>, <c>!~</c>) with Prometheus semantics: a series without the
/// label is treated as having the empty value, and regular expressions are fully anchored (see <see cref="AnchoredRegex"/>:
/// linear in the input like RE2, so a query cannot stall the server with a pathological pattern).
/// </summary>
public sealed class LabelMatcher
{
    private readonly Regex? _regex;

    public LabelMatcher(LabelMatchType type, string name, string value)
    {
        Type = type;
        Name = name;
        Value = value;
        if (type is LabelMatchType.Regex or LabelMatchType.NotRegex)
        {
            try
            {
                _regex = AnchoredRegex.For(value);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                throw new ArgumentException($"invalid regular expression in {name}{Operator}\"{value}\": {e.Message}", e);
            }
        }
        MatchesEmpty = Matches("");
        LiteralAlternatives = type is LabelMatchType.Regex or LabelMatchType.NotRegex ? ParseAlternatives(value) : null;
    }

    public LabelMatchType Type { get; }

    public string Name { get; }

    public string Value { get; }

    /// <summary>True if a series without the label matches.</summary>
    public bool MatchesEmpty { get; }

    /// <summary>For regexes that are just <c>a|b|c</c> of plain text: those values, so they can be looked up instead of scanned.</summary>
    public IReadOnlyList<string>? LiteralAlternatives { get; }

    public string Operator => Type switch
    {
        LabelMatchType.Equal => "=",
        LabelMatchType.NotEqual => "!=",
        LabelMatchType.Regex => "=~",
        _ => "!~",
    };

    public bool Matches(string value) => Type switch
    {
        LabelMatchType.Equal => value == Value,
        LabelMatchType.NotEqual => value != Value,
        LabelMatchType.Regex => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    public override string ToString() => $"{Name}{Operator}\"{Value}\"";

    private static List<string>? ParseAlternatives(string pattern)
    {
        var alternatives = pattern.Split('|');
        foreach (var alternative in alternatives)
            foreach (var c in alternative)
                if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or ':' or '/' or ' ' or ',' or '@' or '=')) return null;
        return [.. alternatives];
    }
}
