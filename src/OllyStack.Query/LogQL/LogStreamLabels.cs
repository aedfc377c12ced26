using OllyStack.Storage.Logs;

namespace OllyStack.Query.LogQL;

/// <summary>A stream's labels, sorted by name.</summary>
public sealed class LogStreamLabels(IReadOnlyList<KeyValuePair<string, string>> sortedLabels)
{
    public IReadOnlyList<KeyValuePair<string, string>> Labels { get; } = sortedLabels;

    /// <summary>The labels as Loki prints a stream: <c>{a="1", b="2"}</c>.</summary>
    public override string ToString() => LogStream.KeyOf(Labels);
}
