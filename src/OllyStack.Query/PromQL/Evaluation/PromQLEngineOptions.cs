namespace OllyStack.Query.PromQL.Evaluation;

public sealed record PromQLEngineOptions
{
    /// <summary>How far back an instant selector looks for a series' latest sample (Prometheus' --query.lookback-delta).</summary>
    public TimeSpan LookbackDelta { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>The step of a subquery written without one (<c>[5m:]</c>): Prometheus' global evaluation interval.</summary>
    public TimeSpan DefaultSubqueryStep { get; init; } = TimeSpan.FromMinutes(1);

    public QueryLimits Limits { get; init; } = new();
}
