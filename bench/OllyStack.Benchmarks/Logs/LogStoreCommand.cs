using System.Diagnostics;
using System.Globalization;
using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Storage.Index;
using OllyStack.Storage.Logs;
using OllyStack.Testing;

namespace OllyStack.Benchmarks.Logs;

/// <summary>
/// `logstore [--loghub DIR] [--repeat N]`: writes each LogHub 2k system's lines as one stream of a tenant's log store
/// and reports, per system, the part's bytes per line beside the raw text and Zstandard alone; then, with every
/// system's lines repeated N times (default 50, a second apart) into one store, the write rate and the time to read
/// everything, the newest 100 lines of a stream, and a line filter that matches nothing (blocks skipped by their
/// trigram filters).
/// </summary>
public static class LogStoreCommand
{
    private const long Millisecond = 1_000_000;

    public static int Run(string[] args)
    {
        var loghub = Path.Combine("..", "shared", "datasets", "loghub");
        var repeat = 50;
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (args[i] == "--loghub") loghub = args[i + 1];
            else if (args[i] == "--repeat") repeat = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
        }
        if (!Directory.Exists(loghub))
        {
            Console.Error.WriteLine($"no LogHub data at {Path.GetFullPath(loghub)}; pass --loghub DIR");
            return 2;
        }
        var systems = LoghubSystem.Names.Select(name => LoghubSystem.Read(loghub, name)).ToList();
        ReportSizes(systems);
        ReportSpeed(systems, repeat);
        return 0;
    }

    private static void ReportSizes(List<LoghubSystem> systems)
    {
        Console.WriteLine("| system | lines | raw B/line | Zstandard B/line | log part B/line | vs raw | vs Zstandard |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var (rawTotal, zstdTotal, partTotal, linesTotal) = (0L, 0L, 0L, 0L);
        foreach (var system in systems)
        {
            var bodies = system.Lines.Select(l => l.Content).ToList();
            var raw = bodies.Sum(b => (long)Encoding.UTF8.GetByteCount(b) + 1);
            using var zstandard = new ZstdSharp.Compressor(3);
            var zstd = zstandard.Wrap(Encoding.UTF8.GetBytes(string.Join('\n', bodies))).Length;
            var part = WrittenPartBytes(system.Name, bodies, repeat: 1);
            (rawTotal, zstdTotal, partTotal, linesTotal) = (rawTotal + raw, zstdTotal + zstd, partTotal + part, linesTotal + bodies.Count);
            Console.WriteLine(Row(system.Name, bodies.Count, raw, zstd, part));
        }
        Console.WriteLine(Row("all", linesTotal, rawTotal, zstdTotal, partTotal));
        Console.WriteLine();
    }

    private static string Row(string name, long lines, long raw, long zstd, long part) => string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {lines:N0} | {(double)raw / lines:F1} | {(double)zstd / lines:F1} | {(double)part / lines:F1} | {(double)raw / part:F1}x | {(double)zstd / part:F2}x |");

    /// <summary>Bytes on disk of the part holding <paramref name="bodies"/> (repeated) as one stream: every column, not bodies alone.</summary>
    private static long WrittenPartBytes(string service, List<string> bodies, int repeat)
    {
        var directory = Directory.CreateTempSubdirectory("ollystack-logstore-bench-").FullName;
        try
        {
            using var logs = TenantLogs.Open(directory, "bench");
            Append(logs, service, bodies, repeat);
            logs.Flush(logEnd: 0);
            return logs.Parts.Sum(p => p.Length);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static void Append(TenantLogs logs, string service, List<string> bodies, int repeat)
    {
        var stream = logs.Intern([new("level", "info"), new("service_name", service)]);
        var entries = new List<StoredLogEntry>(bodies.Count);
        for (var r = 0; r < repeat; r++)
        {
            entries.Clear();
            for (var i = 0; i < bodies.Count; i++)
            {
                var time = ((long)r * bodies.Count + i) * Millisecond;
                entries.Add(new StoredLogEntry(stream, new LogRow(time, time, 9, "INFO", bodies[i], [], TraceId.Empty, SpanId.Empty, 0)));
            }
            logs.Append(entries);
        }
    }

    private static void ReportSpeed(List<LoghubSystem> systems, int repeat)
    {
        var directory = Directory.CreateTempSubdirectory("ollystack-logstore-bench-").FullName;
        try
        {
            using var logs = TenantLogs.Open(directory, "bench");
            var lines = systems.Sum(s => (long)s.Lines.Count) * repeat;
            var clock = Stopwatch.StartNew();
            foreach (var system in systems) Append(logs, system.Name, [.. system.Lines.Select(l => l.Content)], repeat);
            logs.Flush(logEnd: 0);
            var write = clock.Elapsed;
            var bytes = logs.Parts.Sum(p => p.Length);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"write: {lines:N0} lines of {systems.Count} streams in {write.TotalSeconds:F2} s = {lines / write.TotalSeconds:N0} lines/s (head to part, one thread), {(double)bytes / lines:F1} B/line on disk"));
            Measure("read every line, oldest first", () => logs.Read(Select(".+", backward: false), CancellationToken.None).LongCount());
            Measure("newest 100 lines of one stream", () => logs.Read(Select("HDFS", backward: true), CancellationToken.None).Take(100).LongCount());
            Measure("line filter matching nothing, all streams", () => logs.Read(Select(".+", backward: true, "no such text 4711"), CancellationToken.None).LongCount());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static LogSelection Select(string service, bool backward, params string[] required) =>
        new([new LabelMatcher(LabelMatchType.Regex, "service_name", service)], 0, long.MaxValue, backward, required);

    /// <summary>Median of five runs after one warm-up.</summary>
    private static void Measure(string what, Func<long> read)
    {
        read();
        var times = new List<double>();
        var count = 0L;
        for (var i = 0; i < 5; i++)
        {
            var clock = Stopwatch.StartNew();
            count = read();
            times.Add(clock.Elapsed.TotalMilliseconds);
        }
        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {count:N0} lines in {times[2]:F1} ms (median of 5)"));
    }
}
