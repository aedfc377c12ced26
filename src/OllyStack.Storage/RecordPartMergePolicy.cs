namespace OllyStack.Storage;

/// <summary>
/// Which log or span parts to merge next. Flushes add level-0 parts; every <see cref="FanIn"/> adjacent parts of one
/// level become one part of the next level, so a tenant holds a few parts per level and each record is rewritten
/// about log4(flushes) times, each time into fuller blocks that compress better and cost fewer reads. A merge whose
/// records would span more than <see cref="MaxSpan"/> is not made: retention drops whole parts once their newest
/// record is past it, so a part's oldest record outlives the retention by at most that much.
/// </summary>
internal static class RecordPartMergePolicy
{
    public const int FanIn = 4;

    /// <summary>The longest time a merged part's records may span: a day, or an eighth of a short retention.</summary>
    public static TimeSpan MaxSpan(TimeSpan retention) => TimeSpan.FromTicks(Math.Min(TimeSpan.TicksPerDay, retention.Ticks / 8));

    /// <param name="parts">The tenant's parts, oldest first.</param>
    /// <returns>Adjacent parts to merge, or an empty list.</returns>
    public static IReadOnlyList<TPart> Pick<TPart>(IReadOnlyList<TPart> parts, TimeSpan retention) where TPart : IRecordPart
    {
        var maxSpan = MaxSpan(retention);
        for (var start = 0; start + FanIn <= parts.Count; start++)
        {
            var run = parts.Skip(start).Take(FanIn).ToList();
            if (run.All(p => p.Header.Level == run[0].Header.Level) && SpanOf(run) <= maxSpan) return run;
        }
        return [];
    }

    /// <summary>The level of the part merged from <paramref name="sources"/>.</summary>
    public static byte LevelAfter<TPart>(IReadOnlyList<TPart> sources) where TPart : IRecordPart =>
        (byte)Math.Min(byte.MaxValue, sources.Max(p => p.Header.Level) + 1);

    /// <summary>The id of the part merged from adjacent <paramref name="sources"/>: the range they cover together.</summary>
    public static PartId IdAfter<TPart>(IReadOnlyList<TPart> sources) where TPart : IRecordPart =>
        new(sources.Min(p => p.Id.First), sources.Max(p => p.Id.Last));

    /// <summary>The log end of the part merged from <paramref name="sources"/>: everything any of them had applied.</summary>
    public static long LogEndAfter<TPart>(IReadOnlyList<TPart> sources) where TPart : IRecordPart => sources.Max(p => p.Header.LogEnd);

    private static TimeSpan SpanOf<TPart>(List<TPart> run) where TPart : IRecordPart =>
        TimeSpan.FromTicks((run.Max(p => p.Header.MaxTimeUnixNano) - run.Min(p => p.Header.MinTimeUnixNano)) / 100);
}
