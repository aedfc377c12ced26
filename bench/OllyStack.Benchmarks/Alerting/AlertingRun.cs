using System.Diagnostics;
using System.Globalization;
using OllyStack.Benchmarks.History;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// One target, start to end: a fresh receiver and server, the steady ingest through a warm-up, then the
/// measurement window with breaches, then a wait of up to the time-out for the last breaches' alerts while the
/// ingest goes on (so rules over a window still see the same stream), then the server is stopped.
/// </summary>
public static class AlertingRun
{
    private static readonly TimeSpan ProgressEvery = TimeSpan.FromSeconds(5);

    public static async Task<AlertingResult> RunAsync(string name, string? binary, Func<Uri, Task<TargetServer>> start,
        AlertingSettings settings, AlertRequestEncoder encoder, TextWriter log)
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var server = await StartAsync(name, () => start(receiver.BaseAddress), log);
        var version = await HistoryCommand.VersionAsync(server, binary);
        log.WriteLine($"{name} {version}: started at {server.ApiBase}, data folder {server.DataDir}, receiver {receiver.BaseAddress}");

        var schedule = new TriggerSchedule(settings.Series, settings.Seed);
        var ingest = new SteadyIngest(server, settings.Series, encoder, schedule, settings.SampleInterval, settings.Hold);
        using var stop = new CancellationTokenSource();
        var sending = ingest.RunAsync(stop.Token);
        try
        {
            await ProgressAsync(name, "warm-up", settings.Warmup, ingest, schedule, receiver, log);

            var before = WindowCounters.Read(ingest, server);
            var triggering = schedule.RunAsync(settings.TriggersPerSecond, settings.Duration, stop.Token);
            await ProgressAsync(name, "measuring", settings.Duration, ingest, schedule, receiver, log);
            await triggering;
            var after = WindowCounters.Read(ingest, server);

            await AwaitArrivalsAsync(name, schedule, receiver, settings.Timeout, log);
            return Summarize(name, version, before, after, ingest.FirstError, schedule, receiver, settings.Timeout, server.PeakResidentBytes());
        }
        finally
        {
            await stop.CancelAsync();
            await sending;
        }
    }

    /// <summary>
    /// Starts the server, up to three times: a free port is found by binding and releasing it, so another process on
    /// the machine can take it before the server binds it.
    /// </summary>
    private static async Task<TargetServer> StartAsync(string name, Func<Task<TargetServer>> start, TextWriter log)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await start();
            }
            catch (InvalidOperationException e) when (attempt < 3)
            {
                log.WriteLine($"  {name}: did not start ({e.Message}); trying again");
            }
        }
    }

    private static async Task ProgressAsync(string name, string phase, TimeSpan length, SteadyIngest ingest, TriggerSchedule schedule, NotificationReceiver receiver, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        // A timer may fire a little early; a remainder shorter than this is not worth another line.
        while (length - clock.Elapsed > TimeSpan.FromMilliseconds(100))
        {
            var samples = ingest.AcknowledgedSamples;
            var from = clock.Elapsed;
            await Task.Delay(Min(ProgressEvery, length - clock.Elapsed));
            var rate = (ingest.AcknowledgedSamples - samples) / (clock.Elapsed - from).TotalSeconds;
            var triggers = schedule.All;
            var arrived = triggers.Count(t => receiver.FirstFiring(t.AlertName, t.Instance) != 0);
            log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {name} {phase} {clock.Elapsed.TotalSeconds,3:F0}/{length.TotalSeconds:F0} s: {rate,9:N0} samples/s acknowledged, {ingest.Errors} failed requests, " +
                $"{triggers.Count} triggers, {arrived} alerts arrived, {receiver.Requests} notification requests"));
        }
    }

    /// <summary>Waits until every acknowledged breach's alert has arrived, or the time-out has passed since the last acknowledgement.</summary>
    private static async Task AwaitArrivalsAsync(string name, TriggerSchedule schedule, NotificationReceiver receiver, TimeSpan timeout, TextWriter log)
    {
        var clock = Stopwatch.StartNew();
        // The last breaches are acknowledged up to a sample interval after the window; a second covers that.
        var deadline = timeout + TimeSpan.FromSeconds(1);
        var report = TimeSpan.Zero;
        while (clock.Elapsed < deadline)
        {
            var waiting = schedule.All.Count(t => receiver.FirstFiring(t.AlertName, t.Instance) == 0);
            if (waiting == 0) return;
            if (clock.Elapsed >= report)
            {
                log.WriteLine($"  {name}: waiting for {waiting} alerts ...");
                report += ProgressEvery;
            }
            await Task.Delay(100);
        }
        log.WriteLine($"  {name}: gave up waiting after {deadline.TotalSeconds:F0} s");
    }

    private static AlertingResult Summarize(string name, string version, WindowCounters start, WindowCounters end, string? firstError,
        TriggerSchedule schedule, NotificationReceiver receiver, TimeSpan timeout, long peakResidentBytes)
    {
        var triggers = schedule.All;
        var outcomes = triggers.Select(t => Outcome(t, schedule.Started, receiver, timeout)).ToArray();
        var latency = new Latencies();
        foreach (var outcome in outcomes)
            if (outcome.LatencyMs is { } ms) latency.Add(TimeSpan.FromMilliseconds(ms));
        var expected = triggers.Select(t => (t.AlertName, t.Instance)).ToHashSet();
        return new AlertingResult(name, version, end.Seconds(start), end.Samples - start.Samples, end.Requests - start.Requests, end.Errors - start.Errors, firstError,
            triggers.Count, outcomes.Count(o => o.AcknowledgeMs is null), outcomes.Count(o => o.AcknowledgeMs is not null && o.LatencyMs is null), latency,
            receiver.Requests, receiver.FiringAlerts, receiver.FiringKeys.Count(k => !expected.Contains(k)),
            end.ServerCpu - start.ServerCpu, peakResidentBytes, end.ClientCpu - start.ClientCpu, end.OtherCpu(start), outcomes);
    }

    private static TriggerOutcome Outcome(Trigger trigger, long start, NotificationReceiver receiver, TimeSpan timeout)
    {
        var scheduled = Stopwatch.GetElapsedTime(start, trigger.ScheduledAt).TotalSeconds;
        var expression = AlertRuleFile.Expression(trigger.Metric);
        if (trigger.AcknowledgedAt == 0) return new TriggerOutcome(trigger.AlertName, trigger.Instance, expression, scheduled, null, null);
        var acknowledge = Stopwatch.GetElapsedTime(trigger.SentAt, trigger.AcknowledgedAt).TotalMilliseconds;
        var arrived = receiver.FirstFiring(trigger.AlertName, trigger.Instance);
        // Signed: a streaming engine may notify before the loader has read the acknowledgement.
        var latency = arrived == 0 ? (double?)null : Stopwatch.GetElapsedTime(trigger.AcknowledgedAt, arrived).TotalMilliseconds;
        if (latency > timeout.TotalMilliseconds) latency = null;
        return new TriggerOutcome(trigger.AlertName, trigger.Instance, expression, scheduled, acknowledge, latency);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
