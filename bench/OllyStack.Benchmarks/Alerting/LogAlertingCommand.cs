using System.Diagnostics;
using System.Globalization;

using static OllyStack.Benchmarks.CommandOptions;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// Realtime log alerting (issue 5): LogQL rules — per app, timeouts per instance over 30 s — over a steady OTLP log
/// stream, breaches at random moments (four timeout errors in one stream's request), and the time from the
/// acknowledgement of the request carrying a breach to the webhook getting the firing alert. Reports the achieved
/// ingest, latency p50 / p99 / max, breaches whose alert never came, and the server's CPU and peak memory.
///
/// usage: alerting-logs [--apps 100] [--instances 10] [--lines-per-stream 2 (per 100 ms)] [--senders 10]
///                      [--duration 60] [--warmup 20] [--breaches-per-second 5] [--timeout 30] [--seed 1]
/// </summary>
public static class LogAlertingCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var options = Options(args);
        int apps = Int(options["apps"]), instances = Int(options["instances"]);
        TimeSpan duration = Seconds(options["duration"]), warmup = Seconds(options["warmup"]), timeout = Seconds(options["timeout"]);
        var perSecond = double.Parse(options["breaches-per-second"], CultureInfo.InvariantCulture);

        await using var receiver = await NotificationReceiver.StartAsync();
        await using var server = await AlertingTargets.StartOllyStackAsync(LogAlertRules.Yaml(apps), receiver.BaseAddress);
        var ingest = new LogLinesIngest(server, apps, instances, Int(options["senders"]), Int(options["lines-per-stream"]));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{apps} log rules over {apps * instances:N0} streams, {ingest.OfferedLinesPerSecond:N0} lines/s offered; {perSecond} breaches/s for {duration.TotalSeconds:F0} s after {warmup.TotalSeconds:F0} s of warm-up"));
        using var stop = new CancellationTokenSource();
        var sending = ingest.RunAsync(stop.Token);
        var breaches = new List<LogBreach>();
        try
        {
            await Task.Delay(warmup);
            var (lines, cpu, clock) = (ingest.AcknowledgedLines, server.CpuSeconds(), Stopwatch.StartNew());
            await BreachAsync(ingest, breaches, apps, instances, perSecond, duration, new Random(Int(options["seed"])));
            var (seconds, linesPerSecond, cores) = (clock.Elapsed.TotalSeconds, (ingest.AcknowledgedLines - lines) / clock.Elapsed.TotalSeconds, (server.CpuSeconds() - cpu) / clock.Elapsed.TotalSeconds);
            await AwaitArrivalsAsync(breaches, receiver, timeout);

            var latency = new Latencies();
            foreach (var breach in breaches)
            {
                var arrived = receiver.FirstFiring(breach.AlertName, breach.InstanceName);
                if (breach.AcknowledgedAt != 0 && arrived != 0) latency.Add(Stopwatch.GetElapsedTime(breach.AcknowledgedAt, arrived));
            }
            var expected = breaches.Select(b => (b.AlertName, b.InstanceName)).ToHashSet();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| ollystack | {linesPerSecond:N0} lines/s over {seconds:F0} s | {breaches.Count} breaches | {latency.Count} arrived | " +
                $"{AlertingResult.Ms(latency.Percentile(0.5))} / {AlertingResult.Ms(latency.Percentile(0.99))} / {AlertingResult.Ms(latency.Percentile(1))} ms | {cores:F2} CPU s per s | " +
                $"{server.PeakResidentBytes() / 1048576.0:F0} MiB peak RSS | {ingest.Errors} failed requests | {receiver.FiringKeys.Count(k => !expected.Contains(k))} unexpected alerts |"));
            return latency.Count == breaches.Count && ingest.Errors == 0 ? 0 : 1;
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }
    }

    /// <summary>Breaches at <paramref name="perSecond"/> on average (a Poisson process), each on a stream not used before.</summary>
    private static async Task BreachAsync(LogLinesIngest ingest, List<LogBreach> breaches, int apps, int instances, double perSecond, TimeSpan duration, Random random)
    {
        var streams = Enumerable.Range(0, apps * instances).ToArray();
        random.Shuffle(streams);
        var clock = Stopwatch.StartNew();
        var at = TimeSpan.Zero;
        foreach (var stream in streams)
        {
            at += TimeSpan.FromSeconds(-Math.Log(1 - random.NextDouble()) / perSecond);
            if (at >= duration) break;
            if (at > clock.Elapsed) await Task.Delay(at - clock.Elapsed);
            var breach = new LogBreach(stream / instances, stream % instances);
            breaches.Add(breach);
            ingest.Breach(breach);
        }
        if (duration > clock.Elapsed) await Task.Delay(duration - clock.Elapsed);
    }

    private static async Task AwaitArrivalsAsync(List<LogBreach> breaches, NotificationReceiver receiver, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout && breaches.Any(b => receiver.FirstFiring(b.AlertName, b.InstanceName) == 0)) await Task.Delay(100);
    }

    private static Dictionary<string, string> Options(string[] args)
    {
        var defaults = new Dictionary<string, string>
        {
            ["apps"] = "100", ["instances"] = "10", ["lines-per-stream"] = "2", ["senders"] = "10", ["duration"] = "60", ["warmup"] = "20",
            ["breaches-per-second"] = "5", ["timeout"] = "30", ["seed"] = "1",
        };
        return CommandOptions.Parse(args, defaults);
    }
}
