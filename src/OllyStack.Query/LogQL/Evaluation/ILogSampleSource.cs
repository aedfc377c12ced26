using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// Samples a caller turned a range aggregation's lines into ahead of time — the streaming engine, as each line
/// arrives — so an evaluation need not read the lines and run the pipeline again.
/// </summary>
public interface ILogSampleSource
{
    /// <summary>
    /// The samples of <paramref name="expr"/> (the instance in the query being evaluated) with
    /// <paramref name="startNano"/> &lt;= time &lt; <paramref name="endNano"/>, per series; null when this source does not
    /// keep them (the engine then reads the lines).
    /// </summary>
    /// <exception cref="LogQLEvaluationException">A line in the span carries a pipeline error, as reading it would say.</exception>
    IReadOnlyList<LogSampleSeries>? Read(RangeAggregationExpr expr, long startNano, long endNano);
}
