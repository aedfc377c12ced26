using System.Text;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// The rule file both targets load, in Prometheus' format: one alerting rule per metric, <c>for: 0s</c>, in groups
/// of consecutive metrics. The expressions rotate through shapes operators write for a threshold; a single sample
/// of <see cref="TriggerValue"/> among normal values (0-50) crosses every one of them.
/// </summary>
public static class AlertRuleFile
{
    public const double Threshold = 90;
    public const double TriggerValue = 10_000;

    /// <summary>The expression of metric <paramref name="metric"/>'s rule.</summary>
    public static string Expression(int metric)
    {
        var name = AlertSeries.MetricName(metric);
        return (metric % 4) switch
        {
            0 => $"{name} > {Threshold}",
            1 => $"max_over_time({name}[30s]) > {Threshold}",
            2 => $"sum by (instance) ({name}) > {Threshold}",
            // 10,000 among at most 20 samples of 0-50 in 10 s averages above 500.
            _ => $"avg_over_time({name}[10s]) > {Threshold}",
        };
    }

    /// <summary>The file's YAML: <paramref name="metrics"/> rules in <paramref name="groups"/> groups named bench-0 ...</summary>
    public static string Yaml(int metrics, int groups)
    {
        if (metrics % groups != 0) throw new ArgumentException($"{metrics} rules do not split into {groups} equal groups");
        var perGroup = metrics / groups;
        var yaml = new StringBuilder("groups:\n");
        for (var group = 0; group < groups; group++)
        {
            // No interval: Prometheus uses its global evaluation_interval (1s), OllyStack its default (1s).
            yaml.Append("  - name: bench-").Append(group).Append("\n    rules:\n");
            for (var metric = group * perGroup; metric < (group + 1) * perGroup; metric++)
            {
                yaml.Append("      - alert: ").Append(AlertSeries.AlertName(metric)).Append('\n');
                yaml.Append("        expr: ").Append(Expression(metric)).Append('\n');
                yaml.Append("        for: 0s\n");
                yaml.Append("        labels:\n          severity: page\n");
                yaml.Append("        annotations:\n          summary: '{{ $labels.instance }} load is {{ $value }}'\n");
            }
        }
        return yaml.ToString();
    }
}
