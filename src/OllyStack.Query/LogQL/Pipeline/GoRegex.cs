using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// LogQL's regular expressions (RE2 syntax in Loki) on .NET's non-backtracking engine, linear in the input as RE2 is.
/// Go's <c>(?P&lt;name&gt;...)</c> groups are rewritten to .NET's <c>(?&lt;name&gt;...)</c>. Built regexes are shared
/// by every query (a bounded set), since building one costs more than matching many lines.
/// </summary>
internal static class GoRegex
{
    private const int MaxPatterns = 1024;
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex> Unanchoreds = new(StringComparer.Ordinal);

    /// <summary>A regex that matches anywhere in the text, as line filters and <c>regexp</c> use them.</summary>
    /// <exception cref="FormatException">The pattern is not a valid regular expression.</exception>
    public static Regex Unanchored(string pattern)
    {
        if (Unanchoreds.TryGetValue(pattern, out var regex)) return regex;
        regex = Build(() => new Regex(Translate(pattern), Options, Timeout));
        if (Unanchoreds.Count >= MaxPatterns) Unanchoreds.Clear();
        Unanchoreds[pattern] = regex;
        return regex;
    }

    /// <summary>A regex that must match the whole value, as label matchers and <c>label_replace</c> use them.</summary>
    /// <exception cref="FormatException">The pattern is not a valid regular expression.</exception>
    public static Regex Anchored(string pattern) => Build(() => AnchoredRegex.For(Translate(pattern)));

    /// <summary>An unanchored regex with at least one named group, as <c>| regexp</c> needs.</summary>
    /// <exception cref="FormatException">The pattern is invalid or names no group.</exception>
    public static Regex WithNamedGroups(string pattern)
    {
        var regex = Unanchored(pattern);
        if (!regex.GetGroupNames().Any(name => !int.TryParse(name, out _)))
            throw new FormatException("at least one named capture must be supplied");
        return regex;
    }

    private static string Translate(string pattern) => pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);

    private static Regex Build(Func<Regex> build)
    {
        try
        {
            return build();
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new FormatException(e.Message, e);
        }
    }
}
