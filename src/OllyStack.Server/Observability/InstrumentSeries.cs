using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace OllyStack.Server.Observability;

/// <summary>The aggregated values of one instrument, one cell per tag set, rendered as a Prometheus metric family.</summary>
internal sealed class InstrumentSeries(Instrument instrument)
{
    private static readonly double[] SecondsBuckets = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
    private readonly ConcurrentDictionary<TagKey, Cell> _cells = new();
    private readonly bool _isHistogram = instrument.GetType().Name.StartsWith("Histogram", StringComparison.Ordinal);
    private readonly bool _isCounter = instrument.GetType().Name is "Counter`1" or "ObservableCounter`1";
    private readonly bool _isCumulativeObservation = instrument.IsObservable;

    public void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var cell = _cells.GetOrAdd(TagKey.From(tags), _ => new Cell(_isHistogram ? SecondsBuckets.Length : 0));
        lock (cell)
        {
            if (_isCumulativeObservation) cell.Sum = value;
            else cell.Sum += value;
            if (!_isHistogram) return;
            cell.Count++;
            for (var i = 0; i < SecondsBuckets.Length; i++)
                if (value <= SecondsBuckets[i]) cell.Buckets[i]++;
        }
    }

    public void Render(StringBuilder output)
    {
        if (_cells.IsEmpty) return;
        var name = PrometheusName();
        var type = _isHistogram ? "histogram" : _isCounter ? "counter" : "gauge";
        if (!string.IsNullOrEmpty(instrument.Description)) output.Append("# HELP ").Append(name).Append(' ').Append(instrument.Description).Append('\n');
        output.Append("# TYPE ").Append(name).Append(' ').Append(type).Append('\n');
        foreach (var (key, cell) in _cells.OrderBy(c => c.Key.ToString(), StringComparer.Ordinal))
        {
            lock (cell)
            {
                if (_isHistogram) RenderHistogram(output, name, key, cell);
                else Sample(output, name, key, null, cell.Sum);
            }
        }
    }

    private static void RenderHistogram(StringBuilder output, string name, TagKey key, Cell cell)
    {
        for (var i = 0; i < SecondsBuckets.Length; i++)
            Sample(output, name + "_bucket", key, ("le", SecondsBuckets[i].ToString(CultureInfo.InvariantCulture)), cell.Buckets[i]);
        Sample(output, name + "_bucket", key, ("le", "+Inf"), cell.Count);
        Sample(output, name + "_sum", key, null, cell.Sum);
        Sample(output, name + "_count", key, null, cell.Count);
    }

    private static void Sample(StringBuilder output, string name, TagKey key, (string Name, string Value)? extra, double value)
    {
        output.Append(name);
        var labels = key.Pairs().ToList();
        if (extra is not null) labels.Add(extra.Value);
        if (labels.Count > 0)
        {
            output.Append('{');
            for (var i = 0; i < labels.Count; i++)
            {
                if (i > 0) output.Append(',');
                output.Append(labels[i].Name).Append("=\"").Append(Escape(labels[i].Value)).Append('"');
            }
            output.Append('}');
        }
        output.Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
    }

    private string PrometheusName()
    {
        var name = instrument.Name.Replace('.', '_');
        var unit = instrument.Unit switch { "s" => "_seconds", "By" => "_bytes", _ => "" };
        if (!name.EndsWith(unit, StringComparison.Ordinal)) name += unit;
        return _isCounter ? name + "_total" : name;
    }

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    private sealed class Cell(int buckets)
    {
        public double Sum;
        public long Count;
        public readonly long[] Buckets = new long[buckets];
    }
}
