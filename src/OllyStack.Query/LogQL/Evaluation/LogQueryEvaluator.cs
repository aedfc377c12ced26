using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// Runs a log query: reads the selected streams in the query's direction, applies the pipeline to each line and
/// groups the kept lines by their final labels, stopping once <c>limit</c> lines are kept (the source yields in time
/// order, so those are the first lines in that direction).
/// </summary>
internal static class LogQueryEvaluator
{
    public static LogQueryResult Evaluate(ILogSource source, string tenant, LogSelectorExpr selector, long startUnixNano, long endUnixNano,
        int limit, LogDirection direction, LogQLLimits limits, CancellationToken cancellationToken)
    {
        var read = new LogRead(tenant, selector.Matchers, startUnixNano, endUnixNano, direction, RequiredSubstrings.Of(selector));
        var pipeline = LogPipeline.Compile(selector.Stages);
        var budget = new ScanBudget(limits, cancellationToken);
        var streams = new Dictionary<Labels, List<LogLine>>();
        var kept = 0;
        if (limit > 0 && endUnixNano > startUnixNano)
        {
            foreach (var entry in source.Read(read, cancellationToken))
            {
                budget.Count(entry.Line);
                if (!pipeline.Process(entry)) continue;
                var labels = pipeline.Context.Labels.ToLabels();
                if (!streams.TryGetValue(labels, out var lines)) streams[labels] = lines = [];
                lines.Add(new LogLine(entry.TimeUnixNano, pipeline.Context.Line));
                if (++kept >= limit) break;
            }
        }
        var result = streams.OrderBy(s => s.Key).Select(s => new LogStreamResult(s.Key, s.Value)).ToList();
        return new LogQueryResult(result, budget.Statistics);
    }
}
