namespace OllyStack.Query.LogQL;

/// <summary>A stream's labels, sorted by name; <see cref="Key"/> is their Prometheus-style text (<c>{a="1", b="2"}</c>).</summary>
public sealed class LogStreamLabels
{
    public LogStreamLabels(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
    {
        Labels = sortedLabels;
        Key = "{" + string.Join(", ", sortedLabels.Select(l => $"{l.Key}=\"{Escape(l.Value)}\"")) + "}";
    }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    public string Key { get; }

    public override string ToString() => Key;

    private static string Escape(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
}
