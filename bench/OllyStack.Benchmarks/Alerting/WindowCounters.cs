using System.Diagnostics;
using OllyStack.Benchmarks.Load;

namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// The running totals a measurement window is the difference of: acknowledged samples, requests and failures, the
/// server's, this process's and the whole machine's CPU seconds, and the time.
/// </summary>
public readonly record struct WindowCounters(long Samples, long Requests, long Errors, double ServerCpu, double ClientCpu, double MachineCpu, long Timestamp)
{
    public static WindowCounters Read(SteadyIngest ingest, TargetServer server) => new(
        ingest.AcknowledgedSamples, ingest.Requests, ingest.Errors, server.CpuSeconds(),
        Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, Alerting.MachineCpu.BusySeconds(), Stopwatch.GetTimestamp());

    public double Seconds(WindowCounters start) => Stopwatch.GetElapsedTime(start.Timestamp, Timestamp).TotalSeconds;

    /// <summary>What the rest of the machine used: neither the server nor the load generator (with its receiver).</summary>
    public double OtherCpu(WindowCounters start) => MachineCpu - start.MachineCpu - (ServerCpu - start.ServerCpu) - (ClientCpu - start.ClientCpu);
}
