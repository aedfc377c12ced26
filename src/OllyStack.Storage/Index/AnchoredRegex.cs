using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace OllyStack.Storage.Index;

/// <summary>
/// Label regexes as Prometheus applies them: anchored at both ends of the value (<c>\A</c> and <c>\z</c>, so a
/// trailing newline is not forgiven as <c>$</c> would), on .NET's non-backtracking engine, linear in the input like
/// RE2. Building one costs far more than a dashboard query's matching, and dashboards repeat the same patterns, so
/// they are kept by pattern for every query to share (a bounded set: past 1,024 patterns it starts over).
/// </summary>
public static class AnchoredRegex
{
    private const int MaxPatterns = 1024;
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private static readonly ConcurrentDictionary<string, Regex> Built = new(StringComparer.Ordinal);

    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    /// <exception cref="NotSupportedException">The pattern needs backtracking (backreferences, lookarounds).</exception>
    public static Regex For(string pattern)
    {
        if (Built.TryGetValue(pattern, out var regex)) return regex;
        regex = new Regex(@"\A(?:" + pattern + @")\z", Options, Timeout);
        if (Built.Count >= MaxPatterns) Built.Clear();
        Built[pattern] = regex;
        return regex;
    }
}
