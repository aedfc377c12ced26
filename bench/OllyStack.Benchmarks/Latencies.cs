using System.Globalization;

namespace OllyStack.Benchmarks;

/// <summary>Timings of repeated operations in milliseconds, summarized by nearest-rank percentiles.</summary>
public sealed class Latencies
{
    private readonly List<double> _milliseconds = [];
    private bool _sorted;

    public int Count => _milliseconds.Count;

    public void Add(TimeSpan elapsed)
    {
        _milliseconds.Add(elapsed.TotalMilliseconds);
        _sorted = false;
    }

    /// <summary>The smallest timing at or above the <paramref name="quantile"/> share of all (nearest rank).</summary>
    public double Percentile(double quantile)
    {
        if (_milliseconds.Count == 0) return double.NaN;
        if (!_sorted) _milliseconds.Sort();
        _sorted = true;
        return _milliseconds[Math.Max(0, (int)Math.Ceiling(quantile * _milliseconds.Count) - 1)];
    }

    /// <summary>"p50 / p99 ms" with a precision that suits the figures.</summary>
    public string Summary() => string.Create(CultureInfo.InvariantCulture, $"{Format(Percentile(0.5))} / {Format(Percentile(0.99))}");

    private static string Format(double ms) => ms < 1 ? ms.ToString("F3", CultureInfo.InvariantCulture) : ms < 100 ? ms.ToString("F2", CultureInfo.InvariantCulture) : ms.ToString("F0", CultureInfo.InvariantCulture);
}
