using System.Globalization;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>histogram_quantile over classic histograms: cumulative <c>le</c> bucket series grouped by their other labels.</summary>
public static class HistogramQuantile
{
    public static VectorValue Evaluate(double phi, VectorValue buckets)
    {
        var histograms = new Dictionary<Labels, List<(double UpperBound, double Count)>>();
        var order = new List<Labels>();
        foreach (var sample in buckets.Samples)
        {
            // A series without a parsable le is not a bucket and is ignored.
            if (!TryParseBound(sample.Labels.Get("le"), out var upperBound)) continue;
            var key = sample.Labels.Without("le").WithoutMetricName();
            if (!histograms.TryGetValue(key, out var list))
            {
                histograms[key] = list = [];
                order.Add(key);
            }
            list.Add((upperBound, sample.Value));
        }
        return new VectorValue(buckets.TimestampMs, order.Select(key => new Sample(key, Quantile(phi, histograms[key]))).ToList());
    }

    /// <summary>
    /// Interpolates linearly inside the bucket the rank falls into. Needs a +Inf bucket; counts that decrease with
    /// the bound (scrapes racing with updates) are raised to the running maximum first, as Prometheus does.
    /// </summary>
    public static double Quantile(double phi, List<(double UpperBound, double Count)> buckets)
    {
        if (double.IsNaN(phi)) return double.NaN;
        if (phi < 0) return double.NegativeInfinity;
        if (phi > 1) return double.PositiveInfinity;
        buckets.Sort((a, b) => a.UpperBound.CompareTo(b.UpperBound));
        if (buckets.Count == 0 || !double.IsPositiveInfinity(buckets[^1].UpperBound)) return double.NaN;

        var merged = new List<(double UpperBound, double Count)>();
        foreach (var bucket in buckets)
        {
            if (merged.Count > 0 && merged[^1].UpperBound == bucket.UpperBound)
                merged[^1] = (bucket.UpperBound, merged[^1].Count + bucket.Count);
            else
                merged.Add(bucket);
        }
        var max = double.NegativeInfinity;
        for (var i = 0; i < merged.Count; i++)
        {
            if (merged[i].Count > max) max = merged[i].Count;
            else if (merged[i].Count < max) merged[i] = (merged[i].UpperBound, max);
        }
        if (merged.Count < 2) return double.NaN;
        var observations = merged[^1].Count;
        if (observations == 0) return double.NaN;

        var rank = phi * observations;
        var b = 0;
        while (b < merged.Count - 1 && !(merged[b].Count >= rank)) b++;
        if (b == merged.Count - 1) return merged[^2].UpperBound;
        if (b == 0 && merged[0].UpperBound <= 0) return merged[0].UpperBound;

        var bucketStart = 0.0;
        var bucketEnd = merged[b].UpperBound;
        var count = merged[b].Count;
        if (b > 0)
        {
            bucketStart = merged[b - 1].UpperBound;
            count -= merged[b - 1].Count;
            rank -= merged[b - 1].Count;
        }
        return bucketStart + (bucketEnd - bucketStart) * (rank / count);
    }

    private static bool TryParseBound(string text, out double bound)
    {
        bound = 0;
        if (text.Length == 0) return false;
        switch (text.ToLowerInvariant())
        {
            case "+inf" or "inf": bound = double.PositiveInfinity; return true;
            case "-inf": bound = double.NegativeInfinity; return true;
            case "nan": bound = double.NaN; return true;
        }
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out bound);
    }
}
