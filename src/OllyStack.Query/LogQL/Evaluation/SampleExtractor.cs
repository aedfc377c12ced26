using System.Text;
using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.LogQL.Evaluation;

/// <summary>
/// Turns each line of a range aggregation into a sample: the pipeline runs, the value is 1, the line's UTF-8 size
/// (<c>bytes_*</c>) or the unwrapped label converted to a number (which marks <c>SampleExtractionErr</c> when it does
/// not convert), the unwrap's post-filters run, and the unwrapped label leaves the series' labels. A sample whose
/// labels still carry <c>__error__</c> fails the query, as in Loki: errors must be filtered out on purpose. Not
/// thread-safe; it caches per stream and per label set, so one kept for long should be replaced now and then.
/// </summary>
public sealed class SampleExtractor
{
    private readonly LogPipeline pipeline;
    private readonly bool countsBytes;
    private readonly UnwrapExpr? unwrap;
    private readonly LabelPredicate[] postFilters;
    private readonly Grouping? grouping;
    private readonly HashSet<string> groupingLabels;
    private readonly Dictionary<Labels, Labels> grouped = [];

    public SampleExtractor(RangeAggregationExpr expr)
    {
        pipeline = LogPipeline.Compile(expr.Range.Selector.Stages);
        countsBytes = expr.Op is RangeOp.BytesOverTime or RangeOp.BytesRate;
        unwrap = expr.Range.Unwrap;
        postFilters = unwrap is null ? [] : [.. unwrap.PostFilters.Select(LabelPredicate.Compile)];
        grouping = expr.Grouping;
        groupingLabels = new HashSet<string>(grouping?.Labels ?? [], StringComparer.Ordinal);
    }

    /// <summary>The sample of <paramref name="entry"/>, or false when the pipeline or a post-filter dropped it.</summary>
    /// <exception cref="LogQLEvaluationException">The line carries a pipeline error.</exception>
    public bool TryExtract(in LogEntry entry, out Labels labels, out double value)
    {
        labels = Labels.Empty;
        value = 0;
        if (!pipeline.Process(entry)) return false;
        var context = pipeline.Context;
        if (unwrap is null) value = countsBytes ? Encoding.UTF8.GetByteCount(context.Line) : 1;
        else if (!TryUnwrap(context.Labels, out value)) return false;
        if (context.Labels.HasError) throw PipelineError(context.Labels.ToLabels());
        labels = Group(context.Labels.ToLabels());
        return true;
    }

    private bool TryUnwrap(LabelsBuilder labels, out double value)
    {
        var text = labels.Get(unwrap!.Label) ?? "";
        var converted = unwrap.Conversion switch
        {
            UnwrapConversion.Duration => GoDuration.TryParse(text, out value),
            UnwrapConversion.Bytes => ByteSize.TryParse(text, out value),
            _ => GoFloat.TryParse(text, out value),
        };
        if (!converted)
            labels.SetError(PipelineErrors.SampleExtraction, $"cannot read \"{text}\" of label {unwrap.Label} as a {unwrap.Conversion.ToString().ToLowerInvariant()}");
        foreach (var filter in postFilters)
            if (!filter.Test(labels)) return false;
        labels.Delete(unwrap.Label);
        return true;
    }

    private Labels Group(Labels labels)
    {
        if (grouping is null) return labels;
        if (!grouped.TryGetValue(labels, out var key))
            grouped[labels] = key = grouping.Without ? labels.Remove(groupingLabels) : labels.Keep(groupingLabels);
        return key;
    }

    private static LogQLEvaluationException PipelineError(Labels labels)
    {
        var error = labels.Get(PipelineErrors.ErrorLabel);
        return new LogQLEvaluationException(
            $"pipeline error: '{error}' for series: '{labels}'. Use a label filter to intentionally skip this error. (e.g | __error__!=\"{error}\"). To skip all potential errors you can match empty errors.(e.g __error__=\"\")");
    }
}
