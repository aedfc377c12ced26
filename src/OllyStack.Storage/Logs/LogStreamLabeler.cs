namespace OllyStack.Storage.Logs;

/// <summary>
/// A record's stream labels, as Loki derives them for OpenTelemetry logs: the resource attributes with label-style
/// names, <c>service_name</c> (from <c>service.name</c>, else the first of Loki's usual service labels, else
/// <c>unknown_service</c>), and <c>level</c> from the severity.
/// </summary>
public static class LogStreamLabeler
{
    public const string ServiceName = "service_name";
    public const string Level = "level";
    public const string UnknownService = "unknown_service";

    /// <summary>Labels Loki looks at, in order, for a service name when none is given.</summary>
    private static readonly string[] ServiceNameSources =
        ["service", "app", "application", "name", "app_kubernetes_io_name", "container", "container_name", "component", "workload", "job"];

    /// <summary>The sorted labels for a record of the resource with <paramref name="resourceAttributes"/> (names as sent).</summary>
    public static KeyValuePair<string, string>[] Labels(IEnumerable<KeyValuePair<string, string>> resourceAttributes, byte severityNumber, string severityText)
    {
        var labels = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var attribute in resourceAttributes)
            if (attribute.Value.Length > 0) labels[LogLabelNames.Sanitize(attribute.Key)] = attribute.Value;
        if (!labels.ContainsKey(ServiceName)) labels[ServiceName] = DiscoveredServiceName(labels);
        if (!labels.ContainsKey(Level) && LevelOf(severityNumber, severityText) is { } level) labels[Level] = level;
        return [.. labels];
    }

    /// <summary>The level name for an OpenTelemetry severity: by number when set, else the text in lower case with common spellings folded.</summary>
    public static string? LevelOf(byte severityNumber, string severityText) => severityNumber switch
    {
        >= 1 and <= 4 => "trace",
        >= 5 and <= 8 => "debug",
        >= 9 and <= 12 => "info",
        >= 13 and <= 16 => "warn",
        >= 17 and <= 20 => "error",
        >= 21 and <= 24 => "fatal",
        _ => severityText.Length == 0 ? null : severityText.ToLowerInvariant() switch
        {
            "information" or "informational" or "notice" => "info",
            "warning" => "warn",
            "err" => "error",
            "critical" or "crit" or "emergency" or "alert" or "panic" => "fatal",
            "dbg" => "debug",
            "trc" => "trace",
            var other => other,
        },
    };

    private static string DiscoveredServiceName(SortedDictionary<string, string> labels)
    {
        foreach (var source in ServiceNameSources)
            if (labels.TryGetValue(source, out var value)) return value;
        return UnknownService;
    }
}
