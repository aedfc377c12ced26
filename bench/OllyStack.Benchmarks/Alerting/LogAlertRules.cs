using System.Text;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// The log rules of the log alerting run: per app, error lines about timeouts per instance over 30 s, more than
/// <see cref="Threshold"/> fire; ten apps a group, every group LogQL.
/// </summary>
public static class LogAlertRules
{
    public const int Threshold = 3;

    public static string AlertName(int app) => $"LogTimeouts{app:D3}";

    public static string AppName(int app) => $"app-{app:D3}";

    public static string InstanceName(int instance) => $"instance-{instance:D3}";

    public static string Yaml(int apps)
    {
        var yaml = new StringBuilder("groups:\n");
        for (var app = 0; app < apps; app++)
        {
            if (app % 10 == 0) yaml.Append("  - name: logs-").Append(app / 10).Append("\n    query_language: logql\n    rules:\n");
            yaml.Append("      - alert: ").Append(AlertName(app)).Append('\n')
                .Append("        expr: 'sum by (instance) (count_over_time({app=\"").Append(AppName(app))
                .Append("\", level=\"error\"} |= \"timeout\" [30s])) > ").Append(Threshold).Append("'\n");
        }
        return yaml.ToString();
    }
}
