using OllyStack.Alerting.Rules;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// Runs a rule's expression at one instant: PromQL over the series given (the store, or the stream's windows), LogQL
/// over the log store or the lines given (the stream's). A scalar result is one sample without labels, as in Prometheus.
/// </summary>
public sealed class RuleQueryEvaluator(PromQLEngineOptions promQL, ILogSource? logs, LogQLLimits? logLimits = null)
{
    private readonly LogQLEngine? _logQL = logs is null ? null : new LogQLEngine(logs, logLimits);

    /// <param name="streamedLogs">Where a LogQL rule reads lines instead of the log store (the stream's windows).</param>
    /// <param name="streamedSamples">The samples a LogQL rule's range aggregations keep on the stream.</param>
    /// <exception cref="RuleEvaluationException">The expression failed (a limit, a runtime error); the message says why.</exception>
    public IReadOnlyList<Sample> Evaluate(RuleQuery query, string tenant, ISeriesSource series, long timeMs, CancellationToken cancellationToken,
        ILogSource? streamedLogs = null, ILogSampleSource? streamedSamples = null)
    {
        try
        {
            var value = query switch
            {
                PromQLRuleQuery rule => new PromQLEngine(series, promQL).EvaluateInstant(rule.Expr, timeMs, cancellationToken),
                LogQLRuleQuery rule => LogQLOver(streamedLogs, streamedSamples).QueryInstant(tenant, rule.Expr, timeMs * 1_000_000, cancellationToken),
                _ => throw new RuleEvaluationException($"unknown query language {query.Language}"),
            };
            return value switch
            {
                VectorValue vector => vector.Samples,
                ScalarValue scalar => [new Sample(Labels.Empty, scalar.Value)],
                _ => throw new RuleEvaluationException("rule result is not a vector or scalar"),
            };
        }
        catch (Exception e) when (e is PromQLEvaluationException or QueryLimitException or LogQLEvaluationException or LogQLLimitException)
        {
            throw new RuleEvaluationException(e.Message);
        }
    }

    private LogQLEngine LogQLOver(ILogSource? streamed, ILogSampleSource? samples) =>
        streamed is not null ? new LogQLEngine(streamed, logLimits, samples) : _logQL ?? throw new RuleEvaluationException("log rules need the log store, which this node does not run");
}
