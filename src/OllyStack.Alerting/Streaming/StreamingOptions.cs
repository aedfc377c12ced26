using OllyStack.Alerting.Engine;
using OllyStack.Core.Durability;
using OllyStack.Query.LogQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage;

namespace OllyStack.Alerting.Streaming;

/// <summary>What the streaming evaluator is given by the engine that runs it.</summary>
/// <param name="StoredLogs">The log store that seeds log rules; null on a node without one.</param>
/// <param name="LogsWriter">The writer that fills the log store, whose progress log rules' seeds wait for; null when there is none to wait for.</param>
internal sealed record StreamingOptions(
    IDurableLog Log,
    RuleQueryEvaluator Evaluator,
    Func<string, ISeriesSource> StoredSeries,
    ILogSource? StoredLogs,
    TopicStorageWriter? LogsWriter,
    Func<GroupRunner, RuleContext> Context,
    Action<GroupRunner, RuleOutput> Deliver,
    TimeProvider Time,
    TimeSpan Tick,
    TimeSpan Lookback,
    Action<string> Warn);
