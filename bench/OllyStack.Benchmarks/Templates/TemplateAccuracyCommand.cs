using System.Diagnostics;
using System.Globalization;
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

    public static int Run(string[] args)
    {
        var loghub = args.Length == 2 && args[0] == "--loghub" ? args[1] : Path.Combine("..", "shared", "datasets", "loghub");
        if (!Directory.Exists(loghub))
        {
            Console.Error.WriteLine($"no LogHub data at {Path.GetFullPath(loghub)}; pass --loghub DIR");
            return 2;
        }
        Console.WriteLine("| system | lines | true templates | mined templates | grouping accuracy | Drain (published) | µs per line |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        var (ours, drain) = (0.0, 0.0);
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
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {name} | {groups.Length:N0} | {truth} | {miner.Templates.Count} | {accuracy:F4} | {PublishedDrain[name]:F4} | {micros:F1} |"));
        }
        var count = LoghubSystem.Names.Length;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| mean | | | | {ours / count:F4} | {drain / count:F4} | |"));
        return 0;
    }
}
