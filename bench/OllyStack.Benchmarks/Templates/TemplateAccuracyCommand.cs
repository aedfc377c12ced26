using System.Diagnostics;
using System.Globalization;
using OllyStack.Storage.Logs;
using OllyStack.Storage.Logs.Templates;
using OllyStack.Testing;

namespace OllyStack.Benchmarks.Templates;

/// <summary>
/// `templates [--loghub DIR]`: mines each LogHub 2k system's message bodies with the default miner, one line at a
/// time as they would arrive, and prints a Markdown table of grouping accuracy beside Drain's published figure
/// (logparser's Drain README, tuned per system and with per-system masking; ../shared/datasets/loghub/SCORING.md).
/// </summary>
public static class TemplateAccuracyCommand
{
    /// <summary>Drain's published grouping accuracy on loghub_2k (logparser's Drain README), by system.</summary>
    private static readonly Dictionary<string, double> PublishedDrain = new()
    {
        ["HDFS"] = 0.9975, ["Hadoop"] = 0.9475, ["Spark"] = 0.92, ["Zookeeper"] = 0.9665, ["BGL"] = 0.9625, ["HPC"] = 0.887,
        ["Thunderbird"] = 0.955, ["Windows"] = 0.997, ["Linux"] = 0.69, ["Android"] = 0.911, ["HealthApp"] = 0.78,
        ["Apache"] = 1, ["Proxifier"] = 0.5265, ["OpenSSH"] = 0.7875, ["OpenStack"] = 0.7325, ["Mac"] = 0.7865,
    };

    /// <summary>
    /// The system's bodies as UTF-8, as one Zstandard frame (level 3, lines joined by newlines), and as one body block
    /// mined from scratch (what a store's first block of the stream would hold).
    /// </summary>
    private static (long Raw, long Zstandard, long Block) Sizes(List<string> bodies)
    {
        var text = System.Text.Encoding.UTF8.GetBytes(string.Join('\n', bodies));
        using var zstandard = new ZstdSharp.Compressor(3);
        using var encoder = new LogBodyEncoder();
        var block = encoder.Encode(bodies, bodies.Select((_, i) => (long)i).ToList(), new TemplateMiner());
        return (bodies.Sum(b => (long)System.Text.Encoding.UTF8.GetByteCount(b)), zstandard.Wrap(text).Length, block.Length);
    }

    public static int Run(string[] args)
    {
        var loghub = args.Length == 2 && args[0] == "--loghub" ? args[1] : Path.Combine("..", "shared", "datasets", "loghub");
        if (!Directory.Exists(loghub))
        {
            Console.Error.WriteLine($"no LogHub data at {Path.GetFullPath(loghub)}; pass --loghub DIR");
            return 2;
        }
        Console.WriteLine("| system | lines | true templates | mined templates | grouping accuracy | Drain (published) | µs per line | raw B/line | Zstandard B/line | body block B/line |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        var (ours, drain) = (0.0, 0.0);
        var (rawTotal, zstdTotal, blockTotal) = (0L, 0L, 0L);
        foreach (var name in LoghubSystem.Names)
        {
            var system = LoghubSystem.Read(loghub, name);
            var miner = new TemplateMiner();
            var groups = new int[system.Lines.Count];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < groups.Length; i++) groups[i] = miner.Add(system.Lines[i].Content, i)?.Id ?? -1 - i;
            var micros = clock.Elapsed.TotalMicroseconds / groups.Length;
            var accuracy = system.GroupingAccuracy(groups);
            ours += accuracy;
            drain += PublishedDrain[name];
            var truth = system.Lines.Select(l => l.EventId).Distinct().Count();
            var (raw, zstd, block) = Sizes(system.Lines.Select(l => l.Content).ToList());
            (rawTotal, zstdTotal, blockTotal) = (rawTotal + raw, zstdTotal + zstd, blockTotal + block);
            double PerLine(long bytes) => (double)bytes / groups.Length;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {groups.Length:N0} | {truth} | {miner.Templates.Count} | {accuracy:F4} | {PublishedDrain[name]:F4} | {micros:F1} | {PerLine(raw):F1} | {PerLine(zstd):F1} | {PerLine(block):F1} |"));
        }
        var count = LoghubSystem.Names.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| all | | | | {ours / count:F4} (mean) | {drain / count:F4} (mean) | | {rawTotal} B | {zstdTotal} B ({(double)rawTotal / zstdTotal:F1}x) | {blockTotal} B ({(double)rawTotal / blockTotal:F1}x) |"));
        return 0;
    }
}
