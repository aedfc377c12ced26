using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>What a query works out once per stream rather than once per line: the stream's labels as a result label set.</summary>
internal sealed class StreamInfo
{
    public StreamInfo(LogStreamLabels stream)
    {
        Stream = stream;
        Labels = Labels.Of(stream.Labels.Select(l => (l.Key, l.Value)));
    }

    public LogStreamLabels Stream { get; }

    public Labels Labels { get; }
}
