using OllyStack.Alerting.Engine;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// A rule the stream evaluates: its group and runner, its place in the group (rules of a group run in file order),
/// what it reads, and the keys of the selectors it watches.
/// </summary>
internal sealed class StreamedRule(GroupRunner group, RuleRunner runner, int position, StreamingPlan plan, IReadOnlyList<string> keys)
{
    public GroupRunner Group { get; } = group;

    public RuleRunner Runner { get; } = runner;

    public int Position { get; } = position;

    public StreamingPlan Plan { get; } = plan;

    public IReadOnlyList<string> Keys { get; } = keys;
}
