namespace OllyStack.Storage.Logs;

/// <summary>
/// A log stream of one tenant: its labels sorted by name, and <see cref="Key"/>, their text as Loki prints a stream
/// (<c>{a="1", b="2"}</c>), which identifies it. A tenant's store hands out one instance per stream.
/// </summary>
public sealed class LogStream
{
    public LogStream(KeyValuePair<string, string>[] sortedLabels)
    {
        Labels = sortedLabels;
        Key = KeyOf(sortedLabels);
    }

    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; }

    public string Key { get; }

    public string? this[string name]
    {
        get
        {
            foreach (var label in Labels)
                if (label.Key == name) return label.Value;
            return null;
        }
    }

    public override string ToString() => Key;

    public static string KeyOf(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
    {
        var builder = new System.Text.StringBuilder("{");
        for (var i = 0; i < sortedLabels.Count; i++)
        {
            if (i > 0) builder.Append(", ");
            builder.Append(sortedLabels[i].Key).Append("=\"");
            foreach (var c in sortedLabels[i].Value)
            {
                _ = c switch
                {
                    '\\' => builder.Append("\\\\"),
                    '"' => builder.Append("\\\""),
                    '\n' => builder.Append("\\n"),
                    _ => builder.Append(c),
                };
            }
            builder.Append('"');
        }
        return builder.Append('}').ToString();
    }
}
