using OllyStack.Alerting.Engine;

namespace OllyStack.Alerting.Streaming;

/// <summary>A rule the stream evaluates: its group and runner, what it reads, and the keys of the selectors it watches.</summary>
internal sealed class StreamedRule(GroupRunner group, RuleRunner runner, StreamingPlan plan, IReadOnlyList<string> keys)
{
    public GroupRunner Group { get; } = group;

    public RuleRunner Runner { get; } = runner;

    public StreamingPlan Plan { get; } = plan;

    public IReadOnlyList<string> Keys { get; } = keys;
}
