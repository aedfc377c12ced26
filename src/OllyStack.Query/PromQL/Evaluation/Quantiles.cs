namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Prometheus' φ-quantile of a set of values, used by <c>quantile</c> and <c>quantile_over_time</c>.</summary>
internal static class Quantiles
{
    /// <summary>
    /// Linear interpolation between the two nearest ranks (rank = φ·(n-1)); -Inf for φ &lt; 0, +Inf for φ &gt; 1,
    /// NaN for NaN φ or no values. Sorts <paramref name="values"/> in place.
    /// </summary>
    public static double Of(double phi, List<double> values)
    {
        if (values.Count == 0 || double.IsNaN(phi)) return double.NaN;
        if (phi < 0) return double.NegativeInfinity;
        if (phi > 1) return double.PositiveInfinity;
        values.Sort();
        var rank = phi * (values.Count - 1);
        var lower = Math.Max(0, (int)Math.Floor(rank));
        var upper = Math.Min(values.Count - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return values[lower] * (1 - weight) + values[upper] * weight;
    }
}
