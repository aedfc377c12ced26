using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting;

/// <summary>
/// A stable 64-bit identity of a label set: FNV-1a over names and values in name order, each followed by 0xff (a byte
/// UTF-8 never holds), so ("a","bc") and ("ab","c") differ. Stable across processes, unlike string hash codes, so
/// alert state and notification logs can be keyed by it on disk; shown as 16 hex digits.
/// </summary>
public static class AlertFingerprint
{
    private const ulong Offset = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    public static ulong Of(Labels labels)
    {
        var hash = Offset;
        foreach (var label in labels)
        {
            hash = Add(hash, label.Name);
            hash = Add(hash, label.Value);
        }
        return hash;
    }

    public static string Format(ulong fingerprint) => fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture);

    private static ulong Add(ulong hash, string text)
    {
        foreach (var b in System.Text.Encoding.UTF8.GetBytes(text)) hash = (hash ^ b) * Prime;
        return (hash ^ 0xff) * Prime;
    }
}
