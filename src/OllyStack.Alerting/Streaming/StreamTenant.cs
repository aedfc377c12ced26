using OllyStack.Alerting.Streaming.Logs;

namespace OllyStack.Alerting.Streaming;

/// <summary>One tenant on the stream: its watched series and log streams, the rules watching each selector, and its evaluation clock.</summary>
internal sealed class StreamTenant(string name) : IDisposable
{
    public string Name { get; } = name;

    public StreamingSeriesSource Source { get; } = new();

    public LabelSetCache Labels { get; } = new();

    public Dictionary<string, List<StreamedRule>> Watchers { get; } = new(StringComparer.Ordinal);

    public StreamingLogSource Logs { get; } = new();

    public Dictionary<string, List<StreamedRule>> LogWatchers { get; } = new(StringComparer.Ordinal);

    public List<StreamedRule> Rules { get; } = [];

    /// <summary>The newest sample time offered since the last evaluation (for a log line, the millisecond after it: LogQL windows end before their time).</summary>
    public long NewestSampleMs { get; set; } = long.MinValue;

    /// <summary>The last evaluation time: evaluations never go back in time, or <c>for</c> would run backwards.</summary>
    public long LastEvaluationMs { get; set; } = long.MinValue;

    public void Dispose() => Labels.Dispose();
}
