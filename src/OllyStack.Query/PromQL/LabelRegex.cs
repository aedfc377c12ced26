using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using OllyStack.Storage.Index;

namespace OllyStack.Query.PromQL;

/// <summary>
/// The regular expressions of <c>=~</c> and <c>!~</c> matchers. Prometheus uses RE2; .NET's non-backtracking engine
/// is the closest match: linear time, and it rejects backreferences and lookarounds as RE2 does. Patterns are
/// anchored at both ends of the value.
/// </summary>
internal static class LabelRegex
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;
    private const int MaxPatterns = 1024;

    /// <summary>Patterns already judged, with the error if any: a dashboard parses the same ones again and again.</summary>
    private static readonly ConcurrentDictionary<string, string> Judged = new(StringComparer.Ordinal);

    /// <summary>
    /// Accepts a pattern when it compiles both alone and anchored: alone, so <c>a)|(b</c> cannot escape the anchoring
    /// group; anchored, because that is the form <see cref="Anchored"/> compiles (a <c>(?x)</c> comment could swallow
    /// the closing parenthesis).
    /// </summary>
    public static bool TryValidate(string pattern, out string error)
    {
        if (!Judged.TryGetValue(pattern, out error!))
        {
            error = Judge(pattern);
            if (Judged.Count >= MaxPatterns) Judged.Clear();
            Judged[pattern] = error;
        }
        return error.Length == 0;
    }

    private static string Judge(string pattern)
    {
        try
        {
            _ = new Regex(pattern, Options);
            _ = Anchored(pattern);
            return "";
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InsufficientExecutionStackException)
        {
            return e.Message;
        }
    }

    /// <summary>A pattern that <see cref="TryValidate"/> accepted, anchored so it must match the whole value (built once, shared).</summary>
    public static Regex Anchored(string pattern) => AnchoredRegex.For(pattern);
}
