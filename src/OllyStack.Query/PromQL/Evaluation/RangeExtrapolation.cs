namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// How rate, increase and delta turn the change seen between a window's first and last sample into the change over
/// the whole window, as Prometheus 2.x does: an edge closer than 1.1 average intervals is extrapolated to, a farther
/// one only by half an interval, and a counter is not extrapolated below zero. Shared by the query engine and the
/// streaming rule engine, which keeps the inputs as running state.
/// </summary>
public static class RangeExtrapolation
{
    /// <param name="change">Last value minus first, with every counter reset already added back for a counter.</param>
    /// <param name="count">Samples in the window; at least 2.</param>
    public static double Extrapolate(
        double change, long firstMs, double firstValue, long lastMs, int count, long rangeStartMs, long rangeEndMs, bool isCounter, bool isRate)
    {
        var toStart = (firstMs - rangeStartMs) / 1000.0;
        var toEnd = (rangeEndMs - lastMs) / 1000.0;
        var sampled = (lastMs - firstMs) / 1000.0;
        var averageInterval = sampled / (count - 1);
        if (isCounter && change > 0 && firstValue >= 0)
        {
            var toZero = sampled * (firstValue / change);
            if (toZero < toStart) toStart = toZero;
        }

        var threshold = averageInterval * 1.1;
        var extrapolated = sampled;
        extrapolated += toStart < threshold ? toStart : averageInterval / 2;
        extrapolated += toEnd < threshold ? toEnd : averageInterval / 2;
        change *= extrapolated / sampled;
        return isRate ? change / ((rangeEndMs - rangeStartMs) / 1000.0) : change;
    }
}
