namespace OllyStack.Alerting.Evaluation;

/// <summary>Prometheus' alert states: inactive (resolved, kept a while to be reported so), pending (<c>for</c> not yet met), firing.</summary>
public enum AlertState
{
    Inactive,
    Pending,
    Firing,
}
