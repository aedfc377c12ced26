namespace OllyStack.Benchmarks.Workloads;

/// <summary>One stream of a Loki push request: its labels and its entries, oldest first.</summary>
public sealed record LokiPushStream(IReadOnlyList<KeyValuePair<string, string>> Labels, IReadOnlyList<(long TimeUnixNano, string Line)> Entries)
{
    /// <summary>The labels as Loki's protobuf push carries them: <c>{name="value", ...}</c>, quotes and backslashes escaped.</summary>
    public string LabelsText() =>
        "{" + string.Join(", ", Labels.Select(l => $"{l.Key}=\"{l.Value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal)}\"")) + "}";
}
