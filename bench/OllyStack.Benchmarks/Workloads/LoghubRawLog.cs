namespace OllyStack.Benchmarks.Workloads;

/// <summary>
/// One LogHub system's raw 2k log (<c>&lt;system&gt;/&lt;system&gt;_2k.log</c>) as a log shipper reads it: whole lines
/// without the trailing CR, each with the level word a shipper's regex stage would extract, if it has one.
/// </summary>
public sealed record LoghubRawLog(string System, IReadOnlyList<LoghubRawLine> Lines)
{
    /// <summary>Level words, compared ignoring case, in the spellings LogHub's systems use.</summary>
    private static readonly HashSet<string> LevelWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "trace", "debug", "info", "notice", "warn", "warning", "error", "fatal", "severe", "critical", "failure",
    };

    public static LoghubRawLog Read(string loghubDirectory, string system)
    {
        var lines = File.ReadLines(Path.Combine(loghubDirectory, system, $"{system}_2k.log"))
            .Select(line => line.TrimEnd('\r'))
            .Where(line => line.Length > 0)
            .Select(line => new LoghubRawLine(line, Level(line)))
            .ToList();
        return new LoghubRawLog(system, lines);
    }

    /// <summary>The LogHub folder beside the repository holding this build (<c>../shared/datasets/loghub</c>).</summary>
    public static string DefaultDirectory()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OllyStack.slnx"))) return Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "datasets", "loghub"));
        throw new DirectoryNotFoundException($"no OllyStack.slnx above {AppContext.BaseDirectory}");
    }

    /// <summary>The first of the line's first ten tokens (brackets, commas and colons trimmed) that is a level word, upper case; null if none is.</summary>
    private static string? Level(string line)
    {
        foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(10))
        {
            var word = token.Trim('[', ']', ',', ':');
            if (LevelWords.Contains(word)) return word.ToUpperInvariant();
        }
        return null;
    }
}
