using System.Text;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// The file the rules API keeps a group in: <c>&lt;group&gt;.yaml</c>, with every character that is not a letter,
/// digit, '_', '-' or a non-leading '.' percent-encoded (<c>node alerts</c> → <c>node%20alerts.yaml</c>), so any group
/// name is a safe file name that cannot leave the tenant's folder.
/// </summary>
internal static class RuleGroupFileName
{
    /// <summary>Leaves room under the common 255-byte file name limit for the extension and a temporary suffix.</summary>
    public const int MaxLength = 240;

    /// <summary>The file name, or null when the encoded name would be too long.</summary>
    public static string? For(string group)
    {
        var name = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(group))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' || (c == '.' && name.Length > 0)) name.Append(c);
            else name.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
        }
        name.Append(".yaml");
        return name.Length <= MaxLength ? name.ToString() : null;
    }
}
