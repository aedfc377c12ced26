using BenchmarkDotNet.Running;
using OllyStack.Benchmarks.Alerting;
using OllyStack.Benchmarks.ControlPlane;
using OllyStack.Benchmarks.History;
using OllyStack.Benchmarks.Load;
using OllyStack.Benchmarks.Logs;
using OllyStack.Benchmarks.Templates;
using OllyStack.Benchmarks.Traces;

namespace OllyStack.Benchmarks;

/// <summary>
/// `ingest ...` runs the over-the-wire ingest load test (see <see cref="IngestLoadCommand"/>), `history ...` the
/// side-by-side history comparison (see <see cref="HistoryCommand"/>), `templates ...` the log template mining
/// accuracy on LogHub (see <see cref="TemplateAccuracyCommand"/>), `logstore ...` log part size and read speed on
/// LogHub (see <see cref="LogStoreCommand"/>), `logquery ...` LogQL latency through the Loki API of the real server (see
/// <see cref="LogQueryCommand"/>), `tracestore ...` span part size, write rate, lookups and searches (see
/// <see cref="TraceStoreCommand"/>), `alerting ...` realtime alert latency beside Prometheus (see
/// <see cref="AlertingCommand"/>), `alerting-logs ...` the same for log rules (see <see cref="LogAlertingCommand"/>),
/// `neighbours ...` one tenant's ingest latency while another floods past its limit (see <see cref="NoisyNeighbourCommand"/>); anything else goes to BenchmarkDotNet
/// (e.g. `--filter *Decode*`).
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        try
        {
            return await RunAsync(args);
        }
        catch (ArgumentException e)
        {
            // A wrong option or a missing peer: what to do about it, without a stack trace.
            await Console.Error.WriteLineAsync($"error: {e.Message}");
            return 2;
        }
    }

    private static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == "ingest") return await IngestLoadCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "history") return await HistoryCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "templates") return TemplateAccuracyCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "logstore") return LogStoreCommand.Run(args[1..]);
        if (args.Length > 0 && args[0] == "logquery") return await LogQueryCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "tracestore") return await TraceStoreCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "alerting") return await AlertingCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "alerting-logs") return await LogAlertingCommand.RunAsync(args[1..]);
        if (args.Length > 0 && args[0] == "neighbours") return await NoisyNeighbourCommand.RunAsync(args[1..]);
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
        return 0;
    }
}
