using OllyStack.Core.Traces;
using OllyStack.Storage.Index;
using OllyStack.Storage.Metrics;

namespace OllyStack.Query.Traces;

/// <summary>
/// The service graph of a window from the call counters derived at ingest (<see cref="SpanMetricNames.GraphRequests"/>),
/// so it counts every call whatever sampling later dropped of the spans. A counter's calls in the window are its
/// increases between consecutive samples (a drop is a restart: the new value counts whole), from its last value
/// before the window, or from zero for a counter that starts in it.
/// </summary>
public static class ServiceGraphDependencies
{
    /// <summary>How far back to look for a counter's last value before a window, in widening steps.</summary>
    private static readonly long[] BaselineSearchMs = [3_600_000, 86_400_000, 30L * 86_400_000, long.MaxValue / 4];

    public static List<ServiceDependency> Of(TenantMetrics? metrics, long startMs, long endMs)
    {
        if (metrics is null) return [];
        var refs = metrics.Head.Select([new LabelMatcher(LabelMatchType.Equal, "__name__", SpanMetricNames.GraphRequests)]);
        var calls = new Dictionary<(string Client, string Server), long>();
        foreach (var series in metrics.Read(refs, startMs, endMs))
        {
            var count = CallsIn(series, Baseline(metrics, series.Ref, startMs));
            if (count == 0) continue;
            var labels = metrics.Head.LabelsOf(series.Ref);
            var edge = (Label(labels, "client"), Label(labels, "server"));
            calls[edge] = calls.GetValueOrDefault(edge) + count;
        }
        return [.. calls.Select(c => new ServiceDependency(c.Key.Client, c.Key.Server, c.Value))
            .OrderBy(d => d.Parent, StringComparer.Ordinal).ThenBy(d => d.Child, StringComparer.Ordinal)];
    }

    private static long CallsIn(SeriesSamples series, double baseline)
    {
        var (previous, calls) = (baseline, 0.0);
        foreach (var value in series.Values.Span)
        {
            calls += value >= previous ? value - previous : value;
            previous = value;
        }
        return (long)Math.Round(calls);
    }

    /// <summary>The counter's last value before <paramref name="startMs"/>, or 0 if it has none.</summary>
    private static double Baseline(TenantMetrics metrics, uint seriesRef, long startMs)
    {
        var end = startMs - 1;
        foreach (var span in BaselineSearchMs)
        {
            var from = Math.Max(0, end - span);
            if (metrics.Read([seriesRef], from, end) is [{ Values.Length: > 0 } earlier]) return earlier.Values.Span[^1];
            if (from == 0) break;
            end = from - 1;
        }
        return 0;
    }

    private static string Label(IReadOnlyList<(string Name, string Value)> labels, string name) => labels.FirstOrDefault(l => l.Name == name).Value ?? "";
}
