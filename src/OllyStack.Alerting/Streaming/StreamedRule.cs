using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Streaming.Incremental;
using OllyStack.Alerting.Streaming.Logs;

namespace OllyStack.Alerting.Streaming;

/// <summary>
/// A rule the stream evaluates: its group and runner, its place in the group (rules of a group run in file order),
/// what it reads, the keys of the selectors it watches, and — when it runs incrementally — its compiled expression
/// (PromQL) or its range aggregations' samples (LogQL).
/// A log rule waits for its seed from the store before it is evaluated.
/// </summary>
internal sealed class StreamedRule(
    GroupRunner group, RuleRunner runner, int position, StreamingPlan plan, IReadOnlyList<string> keys, IncrementalQuery? incremental,
    IncrementalLogQuery? logQuery)
{
    public GroupRunner Group { get; } = group;

    public RuleRunner Runner { get; } = runner;

    public int Position { get; } = position;

    public StreamingPlan Plan { get; } = plan;

    public IReadOnlyList<string> Keys { get; } = keys;

    public IncrementalQuery? Incremental { get; } = incremental;

    /// <summary>A log rule's range aggregations, kept as samples.</summary>
    public IncrementalLogQuery? LogQuery { get; } = logQuery;

    /// <summary>Whether its windows hold what the store had when it joined; until then its alerts would come from a part of the data.</summary>
    public bool Seeded { get; set; } = !plan.ReadsLogs;
}
