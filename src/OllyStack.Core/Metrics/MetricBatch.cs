using OllyStack.Core.Batches;

namespace OllyStack.Core.Metrics;

/// <summary>
/// Metric samples in the Prometheus data model: series (sorted label sets) and samples pointing at them.
/// Timestamps are Unix milliseconds, as in PromQL.
/// </summary>
public sealed class MetricBatch : TelemetryBatch
{
    public static readonly byte[] MetricNameLabel = "__name__"u8.ToArray();

    public override Signal Signal => Signal.Metrics;

    public override int RecordCount => SampleSeries.Count;

    public Column<LabelRef> Labels { get; } = new();

    public Column<SeriesRef> Series { get; } = new();

    public Column<int> SampleSeries { get; } = new();

    public Column<long> SampleTimestamps { get; } = new();

    public Column<double> SampleValues { get; } = new();

    public Column<MetricMetadataRef> Metadata { get; } = new();

    protected override IColumn[] DeclareColumns() =>
        [Strings, Series, new SeriesLabelColumn(Labels, Series), SampleSeries, SampleTimestamps, SampleValues, Metadata];

    public ReadOnlySpan<LabelRef> LabelsOf(int series)
    {
        var s = Series[series];
        return Labels.Span.Slice(s.FirstLabel, s.LabelCount);
    }

    public void AddLabel(ReadOnlySpan<byte> name, ReadOnlySpan<byte> value) =>
        Labels.Add(new LabelRef(Strings.Intern(name), Strings.Intern(value)));

    public void AddLabel(Utf8Ref name, Utf8Ref value) => Labels.Add(new LabelRef(name, value));

    /// <summary>
    /// Closes the series whose labels were added since <paramref name="firstLabel"/>: sorts them by name and
    /// drops those with an empty value (Prometheus treats them as absent). Returns the series index, or -1 if
    /// two labels share a name, in which case the labels are rolled back.
    /// </summary>
    public int EndSeries(int firstLabel, MetricType type, SeriesFlags flags = SeriesFlags.None)
    {
        var labels = Labels.Span[firstLabel..];
        var kept = 0;
        for (var i = 0; i < labels.Length; i++)
            if (!labels[i].Value.IsEmpty) labels[kept++] = labels[i];
        labels = labels[..kept];
        if (!HasNamesOfPreviousSeries(labels) && !SortAndCheckNames(labels))
        {
            Labels.Truncate(firstLabel);
            return -1;
        }
        Labels.Truncate(firstLabel + kept);
        return Series.Add(new SeriesRef(firstLabel, kept, type, flags));
    }

    /// <summary>
    /// Consecutive series usually carry the same label names in the same order; interned names then have the same
    /// references as the previous series', which was already sorted and checked, so the check is a few int compares.
    /// </summary>
    private bool HasNamesOfPreviousSeries(ReadOnlySpan<LabelRef> labels)
    {
        if (Series.Count == 0) return false;
        var previous = LabelsOf(Series.Count - 1);
        if (previous.Length != labels.Length) return false;
        for (var i = 0; i < labels.Length; i++)
            if (previous[i].Name != labels[i].Name) return false;
        return true;
    }

    /// <summary>Sorts by name; false if two labels share a name.</summary>
    private bool SortAndCheckNames(Span<LabelRef> labels)
    {
        SortByName(labels);
        for (var i = 1; i < labels.Length; i++)
            if (labels[i].Name == labels[i - 1].Name || Strings[labels[i].Name].SequenceEqual(Strings[labels[i - 1].Name])) return false;
        return true;
    }

    public void AddSample(int series, long timestampMs, double value)
    {
        SampleSeries.Add(series);
        SampleTimestamps.Add(timestampMs);
        SampleValues.Add(value);
    }

    // Label sets are small (typically under 20), where insertion sort beats anything general.
    private void SortByName(Span<LabelRef> labels)
    {
        for (var i = 1; i < labels.Length; i++)
        {
            var current = labels[i];
            var name = Strings[current.Name];
            var j = i - 1;
            while (j >= 0 && Strings[labels[j].Name].SequenceCompareTo(name) > 0)
            {
                labels[j + 1] = labels[j];
                j--;
            }
            labels[j + 1] = current;
        }
    }
}
