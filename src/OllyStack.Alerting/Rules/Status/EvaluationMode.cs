namespace OllyStack.Alerting.Rules.Status;

/// <summary>
/// How the engine runs a rule: on the stream, re-evaluated as its inputs arrive, or — for expressions it cannot
/// evaluate incrementally — by the query engine every group interval.
/// </summary>
public enum EvaluationMode
{
    Streaming,
    Interval,
}
