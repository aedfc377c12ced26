using OllyStack.Alerting.Streaming.Incremental;

namespace OllyStack.Alerting.Tests.Streaming.Incremental;

public sealed class QuantileSketchTests
{
    [Fact]
    public void Quantiles_of_a_sliding_window_stay_within_the_relative_accuracy_of_the_exact_ones()
    {
        var random = new Random(42);
        var sketch = new QuantileSketch();
        var window = new Queue<double>();
        for (var i = 0; i < 5_000; i++)
        {
            // Log-normal latencies across six orders of magnitude, with a sign flip now and then.
            var value = Math.Exp(random.NextDouble() * 14 - 7) * (random.Next(20) == 0 ? -1 : 1);
            sketch.Add(value);
            window.Enqueue(value);
            if (window.Count > 300) sketch.Remove(window.Dequeue());

            foreach (var phi in new[] { 0, 0.5, 0.9, 0.99, 1 })
            {
                var exact = ExactQuantile(phi, window);
                Assert.InRange(sketch.Quantile(phi), Lower(exact), Upper(exact));
            }
        }
    }

    [Fact]
    public void NaN_ranks_first_then_infinities_and_zero_take_their_places()
    {
        var sketch = new QuantileSketch();
        foreach (var value in new[] { double.PositiveInfinity, 0, double.NaN, double.NegativeInfinity, 5 }) sketch.Add(value);

        Assert.True(double.IsNaN(sketch.Quantile(0)));
        Assert.Equal(double.NegativeInfinity, sketch.Quantile(0.25));
        Assert.Equal(0, sketch.Quantile(0.5));
        // Rank 2.5: halfway between 0 and 5.
        Assert.InRange(sketch.Quantile(0.625), 2.5 * (1 - QuantileSketch.RelativeAccuracy), 2.5 * (1 + QuantileSketch.RelativeAccuracy));
        Assert.Equal(double.PositiveInfinity, sketch.Quantile(0.875));

        sketch.Remove(double.NaN);
        sketch.Remove(double.NegativeInfinity);
        Assert.Equal(0, sketch.Quantile(0));
        Assert.Equal(3, sketch.Count);
    }

    [Fact]
    public void Out_of_range_phi_and_an_empty_sketch_answer_as_PromQL_does()
    {
        var sketch = new QuantileSketch();
        Assert.True(double.IsNaN(sketch.Quantile(0.5)));
        sketch.Add(1);
        Assert.Equal(double.NegativeInfinity, sketch.Quantile(-0.1));
        Assert.Equal(double.PositiveInfinity, sketch.Quantile(1.1));
        Assert.True(double.IsNaN(sketch.Quantile(double.NaN)));
    }

    private static double ExactQuantile(double phi, IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        var rank = phi * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = Math.Min(sorted.Count - 1, lower + 1);
        var weight = rank - lower;
        return sorted[lower] * (1 - weight) + sorted[upper] * weight;
    }

    // Interpolating between neighbours of opposite sign can land near zero; allow the accuracy of the larger neighbour.
    private static double Lower(double exact) => exact - QuantileSketch.RelativeAccuracy * Math.Max(Math.Abs(exact), 1e-3) - 1e-3;

    private static double Upper(double exact) => exact + QuantileSketch.RelativeAccuracy * Math.Max(Math.Abs(exact), 1e-3) + 1e-3;
}
