using System.Globalization;
using System.Text;

using static OllyStack.Benchmarks.CommandOptions;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// Realtime alerting, side by side (issue 5): 1,000 alerting rules over 100,000 gauge series that get a sample every
/// 500 ms (200,000 samples/s over remote write), breaches at random moments, and the time from the acknowledgement of
/// the request carrying a breach to the receiver getting the firing alert. OllyStack (its rule engine and built-in
/// Alertmanager, webhook) and Prometheus (<c>evaluation_interval: 1s</c>, its notifier to an Alertmanager API of our
/// own) run one after another with the same stream, rules and breach schedule; each reports the achieved ingest,
/// latency p50 / p99 / max, breaches whose alert never came, and its CPU and peak memory.
///
/// usage: alerting [--target both|ollystack|prometheus] [--duration 60] [--warmup 20] [--triggers-per-second 5]
///                 [--hold 10 (seconds a breached series stays at 10,000; 0: one sample)] [--timeout 30]
///                 [--groups 10] [--metrics 1000] [--instances 100] [--samples-per-request 2000]
///                 [--sample-interval 0.5] [--seed 1] [--prometheus /usr/bin/prometheus] [--dump FILE (every breach as CSV)]
///                 [--rules false (the same stream and breaches without rules: what ingest alone costs)]
/// </summary>
public static class AlertingCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var targets = options["target"] == "both" ? ["ollystack", "prometheus"] : new[] { options["target"] };
        if (targets.Any(t => t is not ("ollystack" or "prometheus")))
            throw new ArgumentException($"unknown target '{options["target"]}': ollystack, prometheus, both");
        if (targets.Contains("prometheus") && !File.Exists(options["prometheus"]))
        {
            Console.Error.WriteLine($"{options["prometheus"]} not found: apt-get install -y prometheus (or --prometheus PATH)");
            return 2;
        }

        var settings = Settings(options);
        var groups = Int(options["groups"]);
        // Without rules the same stream shows what ingest alone costs each target, so the difference is the engine's.
        var rules = options["rules"] == "false" ? "groups: []\n" : AlertRuleFile.Yaml(settings.Series.Metrics, groups);
        var encoder = new AlertRequestEncoder(settings.Series);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{settings.Series.Count:N0} series ({settings.Series.Metrics} metrics x {settings.Series.Instances} instances), a sample every " +
            $"{settings.SampleInterval.TotalMilliseconds:F0} ms = {settings.OfferedSamplesPerSecond:N0} samples/s in {settings.Series.Shards} requests of " +
            $"{settings.Series.SeriesPerRequest} per interval; {(options["rules"] == "false" ? "no rules" : $"{settings.Series.Metrics} rules in {groups} groups")}; {settings.TriggersPerSecond} breaches/s " +
            $"for {settings.Duration.TotalSeconds:F0} s after {settings.Warmup.TotalSeconds:F0} s of warm-up, each held {settings.Hold.TotalSeconds:F1} s, time-out {settings.Timeout.TotalSeconds:F0} s"));

        var results = new List<AlertingResult>();
        var failed = false;
        foreach (var target in targets)
        {
            try
            {
                var result = target == "prometheus"
                    ? await AlertingRun.RunAsync(target, options["prometheus"], receiver => AlertingTargets.StartPrometheusAsync(options["prometheus"], rules, receiver), settings, encoder, Console.Out)
                    : await AlertingRun.RunAsync(target, null, receiver => AlertingTargets.StartOllyStackAsync(rules, receiver), settings, encoder, Console.Out);
                Console.WriteLine(result.Describe());
                results.Add(result);
                // Rewritten after every target, so what was measured survives a later target's failure.
                if (options["dump"] != "") await File.WriteAllTextAsync(options["dump"], Csv(results));
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TimeoutException)
            {
                Console.WriteLine($"{target}: failed, going on with the next target: {e}");
                failed = true;
            }
        }

        Console.WriteLine();
        Console.WriteLine(AlertingResult.Table(results));
        Console.WriteLine("Prometheus evaluates each rule group once per evaluation_interval (1 s) and hands new firing alerts to its notifier at once,");
        Console.WriteLine("which posts them to the Alertmanager API without further delay; nothing else is tuned.");
        return failed || results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static string Csv(IEnumerable<AlertingResult> results)
    {
        var csv = new StringBuilder("target,alertname,instance,expression,scheduled_s,acknowledge_ms,latency_ms\n");
        foreach (var r in results)
            foreach (var o in r.Outcomes)
                csv.Append(CultureInfo.InvariantCulture, $"{r.Target},{o.AlertName},{o.Instance},\"{o.Expression}\",{o.ScheduledSeconds:F3},{o.AcknowledgeMs:F1},{o.LatencyMs:F1}\n");
        return csv.ToString();
    }

    private static AlertingSettings Settings(Dictionary<string, string> options) => new(
        new AlertSeries(Int(options["metrics"]), Int(options["instances"]), Int(options["samples-per-request"])),
        Seconds(options["sample-interval"]), Seconds(options["warmup"]), Seconds(options["duration"]),
        double.Parse(options["triggers-per-second"], CultureInfo.InvariantCulture), Seconds(options["hold"]), Seconds(options["timeout"]),
        Int(options["seed"]));

    private static Dictionary<string, string> Options(string[] args)
    {
        var defaults = new Dictionary<string, string>
        {
            ["target"] = "both", ["duration"] = "60", ["warmup"] = "20", ["triggers-per-second"] = "5", ["hold"] = "10", ["timeout"] = "30",
            ["groups"] = "10", ["metrics"] = "1000", ["instances"] = "100", ["samples-per-request"] = "2000", ["sample-interval"] = "0.5",
            ["seed"] = "1", ["prometheus"] = "/usr/bin/prometheus", ["dump"] = "", ["rules"] = "true",
        };
        return CommandOptions.Parse(args, defaults);
    }
}
