using OllyStack.Core.Metrics;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>
/// Counters (with occasional resets), noisy gauges (now and then a stale marker) and a latency histogram for a few
/// jobs and instances, each step a sample per series at a random time since the last step; now and then an instance
/// skips a step. Every metric has one series that never skips, so each step reaches every rule.
/// </summary>
internal sealed class RandomWorkload(Random random)
{
    private static readonly (string Job, string Instance)[] Targets = [("api", "a"), ("api", "b"), ("web", "a"), ("web", "c"), ("db", "a")];
    private static readonly string[] BucketBounds = ["0.1", "0.5", "1", "+Inf"];
    private readonly Dictionary<Labels, double> _counters = [];
    private long _lastMs = long.MinValue;

    public IReadOnlyList<(Labels Labels, long TimestampMs, double Value)> Step(long nowMs)
    {
        var from = _lastMs == long.MinValue ? nowMs - 1_000 : _lastMs;
        _lastMs = nowMs;
        var samples = new List<(Labels, long, double)>();
        foreach (var (job, instance) in Targets)
        {
            var always = job == "api" && instance == "a";
            if (!always && random.Next(6) == 0) continue;
            var at = always ? nowMs : from + 1 + random.NextInt64(nowMs - from);
            var depth = !always && random.Next(25) == 0 ? StaleMarker.Value : Math.Round(random.NextDouble() * 100, 1);
            samples.Add((Series("queue_depth", job, instance), at, depth));
            samples.Add(Counter(Series("http_requests_total", job, instance), at, random.Next(0, 60)));
            samples.Add(Counter(Series("errors_total", job, instance), at, random.Next(0, 12)));
            var observations = 0;
            foreach (var bound in BucketBounds)
            {
                observations += random.Next(0, 8);
                samples.Add(Counter(Series("latency_seconds_bucket", job, instance).With("le", bound), at, observations));
            }
        }
        return samples;
    }

    private (Labels, long, double) Counter(Labels labels, long at, int increase)
    {
        var value = random.Next(40) == 0 ? increase : _counters.GetValueOrDefault(labels) + increase;
        _counters[labels] = value;
        return (labels, at, value);
    }

    private static Labels Series(string name, string job, string instance) => Labels.Of((Labels.MetricName, name), ("job", job), ("instance", instance));
}
