using OllyStack.Alerting.Engine;
using OllyStack.Core.Durability;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming;

/// <summary>What the streaming evaluator is given by the engine that runs it.</summary>
internal sealed record StreamingOptions(
    IDurableLog Log,
    RuleQueryEvaluator Evaluator,
    Func<string, ISeriesSource> StoredSeries,
    Func<GroupRunner, RuleContext> Context,
    Action<GroupRunner, RuleOutput> Deliver,
    TimeProvider Time,
    TimeSpan Tick,
    TimeSpan Lookback,
    Action<string> Warn);
