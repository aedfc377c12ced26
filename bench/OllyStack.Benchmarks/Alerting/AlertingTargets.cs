using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// Starts the two targets with the same rule file, both notifying the receiver: OllyStack through its built-in
/// Alertmanager to the webhook, Prometheus through its notifier to the Alertmanager API.
/// </summary>
public static class AlertingTargets
{
    /// <summary>
    /// The real server, fsync on (an acknowledgement means durable), with the rules in the default tenant's rule
    /// folder and an Alertmanager configuration that sends every alert on its own at once: grouped by all labels
    /// (so a new alert is a new group), no group wait.
    /// </summary>
    public static Task<TargetServer> StartOllyStackAsync(string rules, Uri receiver) =>
        TargetServer.StartOllyStackAsync(TargetServer.OllyStackServerDll(), fsync: true, metricsStorage: true, async dataDir =>
        {
            Directory.CreateDirectory(Path.Combine(dataDir, "rules", "default"));
            await File.WriteAllTextAsync(Path.Combine(dataDir, "rules", "default", "bench.yaml"), rules);
            Directory.CreateDirectory(Path.Combine(dataDir, "alertmanager"));
            await File.WriteAllTextAsync(Path.Combine(dataDir, "alertmanager", "default.yaml"), AlertmanagerConfig(receiver));
        });

    /// <summary>
    /// Prometheus receiving remote write, evaluating the rules every second (the shortest <c>evaluation_interval</c>
    /// it accepts in practice, and the setting) and sending to the receiver as its Alertmanager. Nothing else
    /// is tuned: the notifier sends as soon as alerts are queued, in batches of at most 64.
    /// </summary>
    public static Task<TargetServer> StartPrometheusAsync(string binary, string rules, Uri receiver) =>
        TargetServer.StartPrometheusAsync(binary, async dataDir =>
        {
            var ruleFile = Path.Combine(dataDir, "bench-rules.yaml");
            await File.WriteAllTextAsync(ruleFile, rules);
            return $"""
                global:
                  scrape_interval: 1m
                  evaluation_interval: 1s
                rule_files:
                  - {ruleFile}
                alerting:
                  alertmanagers:
                    - api_version: v2
                      static_configs:
                        - targets: ['{receiver.Authority}']
                """ + "\n";
        });

    private static string AlertmanagerConfig(Uri receiver) => $"""
        route:
          receiver: bench
          group_by: ['...']
          group_wait: 0s
          group_interval: 1s
          repeat_interval: 1h
        receivers:
          - name: bench
            webhook_configs:
              - url: '{new Uri(receiver, "/webhook")}'
        """ + "\n";
}
