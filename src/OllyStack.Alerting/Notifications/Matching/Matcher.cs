using System.Text;
using System.Text.RegularExpressions;

namespace OllyStack.Alerting.Notifications.Matching;

/// <summary>
/// One <c>name op value</c> condition on an alert's labels, as routes, inhibition rules and silences use them. A missing
/// label has the empty value; regular expressions must match the whole value (anchored, as in Alertmanager).
/// </summary>
public sealed class Matcher : IEquatable<Matcher>
{
    private readonly Regex? _regex;

    private Matcher(string name, MatcherType type, string value, Regex? regex)
    {
        Name = name;
        Type = type;
        Value = value;
        _regex = regex;
    }

    public string Name { get; }

    public MatcherType Type { get; }

    public string Value { get; }

    public bool IsRegex => Type is MatcherType.Regex or MatcherType.NotRegex;

    public bool IsEqual => Type is MatcherType.Equal or MatcherType.Regex;

    /// <exception cref="ArgumentException">The regular expression does not compile.</exception>
    public static Matcher Create(string name, MatcherType type, string value)
    {
        if (type is not (MatcherType.Regex or MatcherType.NotRegex)) return new Matcher(name, type, value, null);
        try
        {
            // Non-backtracking: linear time like Go's RE2, so a silence or route cannot stall notifications.
            var regex = new Regex($"^(?:{value})$", RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            _ = new Regex(value, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
            return new Matcher(name, type, value, regex);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"invalid regular expression {Quote(value)}: {e.Message}", e);
        }
    }

    public bool Matches(string value) => Type switch
    {
        MatcherType.Equal => value == Value,
        MatcherType.NotEqual => value != Value,
        MatcherType.Regex => _regex!.IsMatch(value),
        _ => !_regex!.IsMatch(value),
    };

    /// <summary>Alertmanager's notation, as route keys print it: <c>severity=~"crit|warn"</c>.</summary>
    public override string ToString() => Name + Operator(Type) + Quote(Value);

    private static string Operator(MatcherType type) => type switch
    {
        MatcherType.Equal => "=",
        MatcherType.NotEqual => "!=",
        MatcherType.Regex => "=~",
        _ => "!~",
    };

    public bool Equals(Matcher? other) => other is not null && other.Name == Name && other.Type == Type && other.Value == Value;

    public override bool Equals(object? obj) => Equals(obj as Matcher);

    public override int GetHashCode() => HashCode.Combine(Name, Type, Value);

    /// <summary>Go's <c>%q</c> for the strings labels hold: quotes, backslashes and control characters escaped.</summary>
    internal static string Quote(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': text.Append("\\\""); break;
                case '\\': text.Append("\\\\"); break;
                case '\n': text.Append("\\n"); break;
                case '\r': text.Append("\\r"); break;
                case '\t': text.Append("\\t"); break;
                default:
                    if (char.IsControl(c)) text.Append("\\u").Append(((int)c).ToString("x4", System.Globalization.CultureInfo.InvariantCulture));
                    else text.Append(c);
                    break;
            }
        }
        return text.Append('"').ToString();
    }
}
