namespace OllyStack.Benchmarks.Workloads;

/// <summary>
/// LogHub lines as a shipper tailing <c>/var/log/&lt;system&gt;.log</c> pushes them to Loki: labelled with the file, a
/// <c>job</c>, the system as <c>service_name</c> and the line's level word as <c>level</c> (when it has one), so a
/// system's lines make one stream per level.
/// </summary>
public static class LoghubPushStreams
{
    public const string Job = "loghub";

    /// <summary>The entries, oldest first, as the streams of one push request.</summary>
    public static List<LokiPushStream> Of(string system, IEnumerable<(long TimeUnixNano, LoghubRawLine Line)> entries) =>
        [.. entries.GroupBy(e => e.Line.Level).Select(level => new LokiPushStream(Labels(system, level.Key), [.. level.Select(e => (e.TimeUnixNano, e.Line.Text))]))];

    private static KeyValuePair<string, string>[] Labels(string system, string? level)
    {
        KeyValuePair<string, string>[] labels = [new("filename", $"/var/log/{system.ToLowerInvariant()}.log"), new("job", Job), new("service_name", system)];
        return level is null ? labels : [labels[0], labels[1], new("level", level), labels[2]];
    }
}
