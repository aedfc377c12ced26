using System.Globalization;
using System.Text;
using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Storage.Logs;

/// <summary>How a block's template and a body's variables make the body again, the same way for writing and reading.</summary>
internal static class LogBodyTemplates
{
    /// <summary>
    /// Appends the body <paramref name="template"/> and <paramref name="variables"/> make: tokens joined by single
    /// spaces, each wildcard replaced by the next variable. False when the variables do not match the slots.
    /// </summary>
    public static bool TryFill(IReadOnlyList<string> template, IReadOnlyList<string> variables, StringBuilder body)
    {
        var next = 0;
        for (var i = 0; i < template.Count; i++)
        {
            if (i > 0) body.Append(' ');
            var token = template[i].AsSpan();
            while (true)
            {
                var wildcard = token.IndexOf(LogTemplate.Wildcard, StringComparison.Ordinal);
                if (wildcard < 0) break;
                if (next == variables.Count) return false;
                body.Append(token[..wildcard]).Append(variables[next++]);
                token = token[(wildcard + LogTemplate.Wildcard.Length)..];
            }
            body.Append(token);
        }
        return next == variables.Count;
    }

    /// <summary>The variable slots of a template: its wildcards, token by token.</summary>
    public static int SlotCount(IReadOnlyList<string> template) => template.Sum(WildcardsIn);

    /// <summary>The variable slots a template token has.</summary>
    private static int WildcardsIn(string token)
    {
        var count = 0;
        for (var at = token.IndexOf(LogTemplate.Wildcard, StringComparison.Ordinal); at >= 0; at = token.IndexOf(LogTemplate.Wildcard, at + LogTemplate.Wildcard.Length, StringComparison.Ordinal))
            count++;
        return count;
    }

    /// <summary>True for an integer written the one way its value prints ("0", "-12", not "007" or "+5"), so it can be stored as a number and written back the same.</summary>
    public static bool TryParseCanonicalInteger(string text, out long value)
    {
        value = 0;
        if (text.Length is 0 or > 20 || !long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value)) return false;
        return value.ToString(CultureInfo.InvariantCulture) == text;
    }
}
