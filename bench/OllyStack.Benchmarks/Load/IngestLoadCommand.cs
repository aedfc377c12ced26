using System.Globalization;

namespace OllyStack.Benchmarks.Load;

/// <summary>
/// Sustained, acknowledged ingest over loopback: N connections post pre-encoded requests as fast as the server
/// acknowledges them, after a warm-up. Reports acknowledged records per second, request latency, the server's CPU
/// (cores used and microseconds per record), its peak memory, and for OllyStack the WAL fsync latency. With
/// --target both the same remote-write workload also runs against VictoriaMetrics, for the CPU-per-sample ratio.
///
/// usage: ingest [--workload remote-write|node-fleet|otlp-metrics|otlp-logs|otlp-spans|all] [--target ollystack|victoria-metrics|both]
///               [--duration 20] [--warmup 5] [--connections 8] [--fsync true] [--storage true (false: ingest-only node)] [--dump FILE (write one request body and exit)]
/// </summary>
public static class IngestLoadCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        var workloads = options["workload"] == "all" ? ["remote-write", "otlp-metrics", "otlp-logs", "otlp-spans"] : new[] { options["workload"] };
        var duration = TimeSpan.FromSeconds(double.Parse(options["duration"], CultureInfo.InvariantCulture));
        var warmup = TimeSpan.FromSeconds(double.Parse(options["warmup"], CultureInfo.InvariantCulture));
        var connections = int.Parse(options["connections"], CultureInfo.InvariantCulture);
        var results = new List<LoadResult>();
        foreach (var name in workloads)
        {
            var workload = IngestWorkload.Create(name);
            if (options["dump"] != "")
            {
                await File.WriteAllBytesAsync(options["dump"], workload.Bodies[0]);
                Console.WriteLine($"wrote one {name} request body to {options["dump"]}");
                return 0;
            }
            Console.WriteLine($"workload {name}: {workload.Bodies.Count} bodies, {workload.RecordsPerRequest} records each, {workload.RawBytesPerRecord:F0} raw bytes per record");
            foreach (var target in Targets(options["target"], name))
            {
                await using var server = target == "victoria-metrics"
                    ? await TargetServer.StartVictoriaMetricsAsync(options["victoria-metrics"])
                    : await TargetServer.StartOllyStackAsync(TargetServer.OllyStackServerDll(), fsync: options["fsync"] == "true", metricsStorage: options["storage"] == "true");
                var result = await LoadRunner.RunAsync(server, workload, connections, warmup, duration);
                Console.WriteLine(result.Describe());
                results.Add(result);
            }
        }
        Console.WriteLine();
        Console.WriteLine(LoadResult.MarkdownHeader);
        foreach (var result in results) Console.WriteLine(result.ToMarkdownRow());
        return results.Any(r => r.Errors > 0) ? 1 : 0;
    }

    private static IEnumerable<string> Targets(string target, string workload) => target switch
    {
        "both" when workload is "remote-write" or "node-fleet" => ["ollystack", "victoria-metrics"],
        "both" => ["ollystack"],
        _ => [target],
    };

    private static Dictionary<string, string> Options(string[] args)
    {
        var defaults = new Dictionary<string, string>
        {
            ["workload"] = "all", ["target"] = "both", ["duration"] = "20", ["warmup"] = "5", ["connections"] = "8",
            ["victoria-metrics"] = "/usr/bin/victoria-metrics", ["fsync"] = "true", ["storage"] = "true", ["dump"] = "",
        };
        return CommandOptions.Parse(args, defaults);
    }
}
