namespace OllyStack.Alerting.Rules.Status;

/// <summary>
/// How the engine runs a rule. On the stream, re-evaluated as its inputs arrive: <see cref="Incremental"/> from
/// running window state kept per series, or <see cref="Streaming"/> by the query engine over the stream's windows
/// (functions and operators the running state does not cover). Otherwise <see cref="Interval"/>: by the query engine
/// over the store every group interval (log rules, subqueries, <c>@</c>, windows over an hour).
/// </summary>
public enum EvaluationMode
{
    Incremental,
    Streaming,
    Interval,
}
