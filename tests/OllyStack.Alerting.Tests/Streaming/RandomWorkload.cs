using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Tests.Streaming;

/// <summary>
/// Counters (with occasional resets) and noisy gauges for a few jobs and instances, each step a sample per series at a
/// random time since the last step; now and then an instance skips a step. Every metric has one series that never
/// skips, so each step reaches every rule.
/// </summary>
internal sealed class RandomWorkload(Random random)
{
    private static readonly (string Job, string Instance)[] Targets = [("api", "a"), ("api", "b"), ("web", "a"), ("web", "c"), ("db", "a")];
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
            samples.Add((Series("queue_depth", job, instance), at, Math.Round(random.NextDouble() * 100, 1)));
            samples.Add(Counter("http_requests_total", job, instance, at, random.Next(0, 60)));
            samples.Add(Counter("errors_total", job, instance, at, random.Next(0, 12)));
        }
        return samples;
    }

    private (Labels, long, double) Counter(string name, string job, string instance, long at, int increase)
    {
        var labels = Series(name, job, instance);
        var value = random.Next(40) == 0 ? increase : _counters.GetValueOrDefault(labels) + increase;
        _counters[labels] = value;
        return (labels, at, value);
    }

    private static Labels Series(string name, string job, string instance) => Labels.Of((Labels.MetricName, name), ("job", job), ("instance", instance));
}
