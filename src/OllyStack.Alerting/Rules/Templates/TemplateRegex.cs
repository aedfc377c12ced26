using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OllyStack.Alerting.Rules.Templates;

/// <summary>
/// Regular expressions for <c>match</c> and <c>reReplaceAll</c>. Go's are RE2, which runs in linear time; the
/// non-backtracking engine keeps that promise (a pattern from a label value cannot stall rule evaluation) and, like
/// RE2, refuses backreferences and lookarounds. Compiled patterns are cached; the cache is bounded because patterns
/// may come from label values.
/// </summary>
internal static class TemplateRegex
{
    private const int MaxCached = 1024;
    private static readonly ConcurrentDictionary<string, Regex> Cache = new(StringComparer.Ordinal);

    /// <exception cref="TemplateExecutionException">The pattern is not a valid regular expression.</exception>
    public static Regex Get(string pattern, string function)
    {
        if (Cache.TryGetValue(pattern, out var cached)) return cached;
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            throw new TemplateExecutionException($"error parsing regexp {GoPrintf.GoQuote(pattern)}: {e.Message}", function);
        }
        if (Cache.Count >= MaxCached) Cache.Clear();
        Cache[pattern] = regex;
        return regex;
    }
}
