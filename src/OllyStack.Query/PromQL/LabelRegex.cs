using System.Text.RegularExpressions;

namespace OllyStack.Query.PromQL;

/// <summary>
/// The regular expressions of <c>=~</c> and <c>!~</c> matchers. Prometheus uses RE2; .NET's non-backtracking engine
/// is the closest match: linear time, and it rejects backreferences and lookarounds as RE2 does. Patterns are
/// anchored at both ends of the value.
/// </summary>
internal static class LabelRegex
{
    private const RegexOptions Options = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    /// <summary>
    /// Accepts a pattern when it compiles both alone and anchored: alone, so <c>a)|(b</c> cannot escape the anchoring
    /// group; anchored, because that is the form <see cref="Anchored"/> compiles (a <c>(?x)</c> comment could swallow
    /// the closing parenthesis).
    /// </summary>
    public static bool TryValidate(string pattern, out string error)
    {
        try
        {
            _ = new Regex(pattern, Options);
            _ = Anchored(pattern);
            error = "";
            return true;
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or InsufficientExecutionStackException)
        {
            error = e.Message;
            return false;
        }
    }

    /// <summary>Compiles a pattern that <see cref="TryValidate"/> accepted, anchored so it must match the whole value.</summary>
    public static Regex Anchored(string pattern) => new(@"\A(?:" + pattern + @")\z", Options);
}
