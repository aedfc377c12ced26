using System.Text;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>
/// Query strings as Grafana writes them, byte for byte, since a server must decode both: its Go backend's
/// <c>url.Values.Encode</c> and its browser code's <c>serializeParams</c>.
/// </summary>
internal static class GrafanaQueryStrings
{
    /// <summary>
    /// Go's <c>url.Values.Encode</c>, what Grafana's backend sends: pairs sorted by key, each escaped with
    /// <c>url.QueryEscape</c> (letters, digits and <c>-_.~</c> kept, a space as <c>+</c>, the rest as <c>%XX</c>).
    /// </summary>
    public static string Go(params (string Name, string Value)[] pairs) =>
        string.Join('&', pairs.OrderBy(p => p.Name, StringComparer.Ordinal).Select(p => $"{Escape(p.Name, "-_.~", "+")}={Escape(p.Value, "-_.~", "+")}"));

    /// <summary>
    /// Grafana's <c>serializeParams</c>, what its browser code sends (through Grafana's proxy, which passes the query
    /// string on as it is): pairs in the order given, each escaped like <c>encodeURIComponent</c> and then
    /// <c>@ : $ , ;</c> put back as they were, a space as <c>%20</c>.
    /// </summary>
    public static string Frontend(params (string Name, string Value)[] pairs) =>
        string.Join('&', pairs.Select(p => $"{Escape(p.Name, FrontendKept, "%20")}={Escape(p.Value, FrontendKept, "%20")}"));

    /// <summary><c>encodeURIComponent</c> keeps <c>-_.!~*'()</c>; Grafana's AngularJS-style pass then unescapes <c>@:$,;</c>.</summary>
    private const string FrontendKept = "-_.!~*'()@:$,;";

    private static string Escape(string text, string kept, string space)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            if (char.IsAsciiLetterOrDigit((char)b) || kept.Contains((char)b)) escaped.Append((char)b);
            else if (b == ' ') escaped.Append(space);
            else escaped.Append('%').Append(b.ToString("X2"));
        }
        return escaped.ToString();
    }
}
