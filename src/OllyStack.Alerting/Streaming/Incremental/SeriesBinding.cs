namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// Where a compiled rule's selectors find their series: its tenant's streamed series, set when the rule joins the
/// stream (an expression is compiled first, to learn whether it can run incrementally at all).
/// </summary>
internal sealed class SeriesBinding
{
    public StreamingSeriesSource? Source { get; set; }

    public IReadOnlyList<StreamedSeries> SeriesOf(string key) =>
        (Source ?? throw new InvalidOperationException("the rule has not joined the stream")).SeriesOf(key);
}
