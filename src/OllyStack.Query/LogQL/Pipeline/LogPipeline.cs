using OllyStack.Query.LogQL.Syntax;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// A log query's pipeline, compiled once per query and run on each entry. Not thread-safe: its stages and the
/// <see cref="Context"/> they work in are reused from line to line, and per-stream work is cached by the stream's
/// <see cref="LogStreamLabels"/> instance.
/// </summary>
internal sealed class LogPipeline
{
    private readonly Stage[] stages;
    private readonly Dictionary<LogStreamLabels, StreamInfo> streams = new(ReferenceEqualityComparer.Instance);
    private StreamInfo? lastStream;

    private LogPipeline(Stage[] stages) => this.stages = stages;

    /// <summary>The line being processed; after <see cref="Process"/> returned true, its final text and labels.</summary>
    public LineContext Context { get; } = new();

    public static LogPipeline Compile(IReadOnlyList<StageExpr> stages) => new([.. stages.Select(CompileStage)]);

    /// <summary>Runs the stages on <paramref name="entry"/>; false when one of them dropped it.</summary>
    public bool Process(in LogEntry entry)
    {
        Context.Labels.Reset(StreamOf(entry.Stream), entry.StructuredMetadata);
        Context.Line = entry.Line;
        Context.TimestampUnixNano = entry.TimeUnixNano;
        foreach (var stage in stages)
            if (!stage.Process(Context)) return false;
        return true;
    }

    private StreamInfo StreamOf(LogStreamLabels stream)
    {
        if (lastStream is not null && ReferenceEquals(lastStream.Stream, stream)) return lastStream;
        if (!streams.TryGetValue(stream, out var info)) streams[stream] = info = new StreamInfo(stream);
        return lastStream = info;
    }

    private static Stage CompileStage(StageExpr stage) => stage switch
    {
        LineFilterStage filter => new LineFilter(filter),
        JsonParserStage { Extractions.Count: 0 } => new JsonParser(),
        JsonParserStage json => new JsonExpressionParser(json.Extractions),
        LogfmtParserStage logfmt => new LogfmtParser(logfmt),
        RegexpParserStage regexp => new RegexpParser(regexp.Pattern),
        PatternParserStage pattern => new PatternParser(pattern.Pattern),
        UnpackParserStage => new UnpackParser(),
        LabelFilterStage labelFilter => new LabelFilter(LabelPredicate.Compile(labelFilter.Filter)),
        LineFormatStage lineFormat => new LineFormatter(lineFormat.Template),
        LabelFormatStage labelFormat => new LabelFormatter(labelFormat.Formattings),
        DropLabelsStage drop => new LabelDropper(drop.Labels, keep: false),
        KeepLabelsStage keep => new LabelDropper(keep.Labels, keep: true),
        DecolorizeStage => new Decolorizer(),
        _ => throw new ArgumentException($"unknown stage {stage.GetType().Name}", nameof(stage)),
    };
}
