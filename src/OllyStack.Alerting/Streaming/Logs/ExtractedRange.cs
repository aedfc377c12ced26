using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Streaming.Logs;

/// <summary>
/// One range aggregation of a log rule, kept as samples: each line of its selector's streams goes through its pipeline
/// once, as it arrives, and the sample (1, the line's size, or the unwrapped value) joins its series' window. A line
/// the pipeline marks with an error is remembered by time instead, so a window that holds it fails as reading the
/// lines would.
/// </summary>
internal sealed class ExtractedRange(RangeAggregationExpr expr, string selectorKey)
{
    /// <summary>Lines after which the extractor is replaced: its pipeline interns every label set it sees.</summary>
    private const int LinesPerExtractor = 50_000;

    private readonly Dictionary<Labels, LogSampleWindow> _series = [];
    private readonly List<(long TimeNano, string Message)> _errors = [];
    private SampleExtractor _extractor = new(expr);
    private int _lines;

    public RangeAggregationExpr Expr { get; } = expr;

    public string SelectorKey { get; } = selectorKey;

    /// <summary>How far back an evaluation reads: range plus offset.</summary>
    public long WindowNano { get; } = (expr.Range.Range + expr.Range.Offset).Ticks * 100;

    public void Offer(in LogEntry entry)
    {
        _lines++;
        try
        {
            if (!_extractor.TryExtract(entry, out var labels, out var value)) return;
            if (!_series.TryGetValue(labels, out var window)) _series[labels] = window = new LogSampleWindow();
            window.Add(entry.TimeUnixNano, value);
        }
        catch (LogQLEvaluationException e)
        {
            var time = entry.TimeUnixNano;
            _errors.Insert(_errors.FindLastIndex(error => error.TimeNano <= time) + 1, (time, e.Message));
        }
    }

    /// <summary>Drops the samples and errors older than the window behind <paramref name="nowNano"/>.</summary>
    public void Trim(long nowNano)
    {
        var cutoff = nowNano - WindowNano;
        foreach (var (labels, window) in _series)
        {
            window.TrimBefore(cutoff);
            if (window.Count == 0) _series.Remove(labels);
        }
        _errors.RemoveAll(error => error.TimeNano < cutoff);
        if (_lines < LinesPerExtractor) return;
        _extractor = new SampleExtractor(Expr);
        _lines = 0;
    }

    public void Clear()
    {
        _series.Clear();
        _errors.Clear();
    }

    /// <summary>The series with samples in [start, end), each with those samples.</summary>
    /// <exception cref="LogQLEvaluationException">A line in [start, end) carries a pipeline error: the first such line's.</exception>
    public IReadOnlyList<LogSampleSeries> Read(long startNano, long endNano)
    {
        foreach (var (time, message) in _errors)
            if (time >= startNano && time < endNano) throw new LogQLEvaluationException(message);
        var read = new List<LogSampleSeries>(_series.Count);
        foreach (var (labels, window) in _series)
        {
            var (times, values) = window.Between(startNano, endNano);
            if (times.Length > 0) read.Add(new LogSampleSeries(labels, times, values));
        }
        // In the order a read of the lines meets them, by their first sample: what breaks ties in topk and the like.
        read.Sort((a, b) => a.Times.Span[0].CompareTo(b.Times.Span[0]));
        return read;
    }
}
