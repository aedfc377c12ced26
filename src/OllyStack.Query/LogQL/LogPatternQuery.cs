using OllyStack.Storage.Logs.Templates;

namespace OllyStack.Query.LogQL;

/// <summary>
/// Mines the templates of the lines a read selects, newest first, into patterns with counts over time. Mining at
/// query time (not from the templates stored with the blocks) gives one pattern per template across parts written at
/// different times, as the pattern view wants. At most <see cref="MaxLines"/> lines are mined: the newest ones.
/// </summary>
public static class LogPatternQuery
{
    public const int MaxLines = 200_000;

    /// <summary>Patterns of <paramref name="read"/>'s lines (its direction is ignored), most frequent first.</summary>
    public static LogPatternResult Run(ILogSource source, LogRead read, long stepUnixNano, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(stepUnixNano);
        var miner = new TemplateMiner();
        var steps = new Dictionary<LogTemplate, Dictionary<long, long>>(ReferenceEqualityComparer.Instance);
        var lines = 0L;
        foreach (var entry in source.Read(read with { Direction = LogDirection.Backward }, cancellationToken))
        {
            if (lines == MaxLines) return Result(miner, steps, lines, truncated: true);
            lines++;
            if (miner.Add(entry.Line, entry.TimeUnixNano) is not { } template) continue;
            if (!steps.TryGetValue(template, out var counts)) steps[template] = counts = [];
            var step = read.StartUnixNano + (entry.TimeUnixNano - read.StartUnixNano) / stepUnixNano * stepUnixNano;
            counts[step] = counts.GetValueOrDefault(step) + 1;
        }
        return Result(miner, steps, lines, truncated: false);
    }

    private static LogPatternResult Result(TemplateMiner miner, Dictionary<LogTemplate, Dictionary<long, long>> steps, long lines, bool truncated)
    {
        var patterns = miner.Templates
            .Where(t => t.Count > 0)
            .OrderByDescending(t => t.Count)
            .ThenBy(t => t.Id)
            .Select(t => new LogPattern(t.Text, t.Count, t.FirstSeenUnixNano, t.LastSeenUnixNano, [.. steps[t].OrderBy(s => s.Key).Select(s => (s.Key, s.Value))]))
            .ToList();
        return new LogPatternResult(patterns, lines, truncated);
    }
}
