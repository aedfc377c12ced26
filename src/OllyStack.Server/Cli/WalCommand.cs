using System.Text.Json;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Log;
using Spectre.Console;

namespace OllyStack.Server.Cli;

/// <summary>
/// `ollystack wal inspect`: a read-only look at the write-ahead log (safe while the server runs): per topic its
/// segments with record counts and any torn or corrupt tail, consumer groups with their committed offsets, and
/// with --records N the first N records from --from on, decoded to tenant, signal and record counts.
/// </summary>
public static class WalCommand
{
    public static int Run(CommandLine line)
    {
        if (line.Words.ElementAtOrDefault(1) != "inspect") return Commands.Fail("wal needs an action: inspect");
        var walDir = Path.Combine(line.Flag("data-dir") ?? "./data", "wal");
        if (!Directory.Exists(walDir)) return Commands.Fail($"no write-ahead log at {walDir}; pass --data-dir of a server");
        var inspector = WalInspector.Open(walDir);
        var topics = line.Flag("topic") is { } topic ? [topic] : inspector.ListTopics();
        if (line.Flag("records") is { } countText)
        {
            if (!int.TryParse(countText, out var count) || count < 1) return Commands.Fail("--records needs a positive number");
            var from = long.TryParse(line.Flag("from"), out var f) ? f : 0;
            foreach (var name in topics) PrintRecords(inspector, name, from, count, line.Has("json"));
            return 0;
        }
        var inspections = topics.Select(inspector.InspectTopic).ToList();
        if (line.Has("json")) Console.WriteLine(JsonSerializer.Serialize(inspections, new JsonSerializerOptions { WriteIndented = true }));
        else foreach (var inspection in inspections) PrintTopic(inspection);
        return inspections.Any(t => t.Segments.Any(s => s.IsDamaged)) ? 1 : 0;
    }

    private static void PrintTopic(TopicInspection topic)
    {
        AnsiConsole.MarkupLine($"[bold]topic {Markup.Escape(topic.Topic)}[/]: {topic.Records} records, next offset {topic.NextOffset}");
        var segments = new Table().AddColumns("segment", "first offset", "records", "bytes", "state");
        foreach (var segment in topic.Segments)
            segments.AddRow(Markup.Escape(Path.GetFileName(segment.File)), segment.FirstOffset.ToString(), segment.Records.ToString(), segment.Bytes.ToString(),
                segment.IsDamaged ? $"[red]damaged at byte {segment.DamagedAtByte}: {Markup.Escape(segment.Damage!)}[/]" : "[green]ok[/]");
        AnsiConsole.Write(segments);
        foreach (var group in topic.Groups)
            AnsiConsole.MarkupLine($"  group {Markup.Escape(group.Group)}: committed {(group.CommittedOffset?.ToString() ?? Markup.Escape(group.Damage ?? "?"))}");
    }

    private static void PrintRecords(WalInspector inspector, string topic, long from, int count, bool json)
    {
        foreach (var record in inspector.ReadRecords(topic, from).Take(count))
        {
            var summary = Summarize(record.Payload.Span);
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { topic, offset = record.Offset, bytes = record.Payload.Length, summary.Tenant, summary.Signal, summary.Records, summary.Sample }));
            else Console.WriteLine($"{topic} offset {record.Offset}: tenant={summary.Tenant} {summary.Signal} records={summary.Records} bytes={record.Payload.Length} e.g. {summary.Sample}");
        }
    }

    private static (string Tenant, string Signal, int Records, string Sample) Summarize(ReadOnlySpan<byte> payload)
    {
        TelemetryBatch batch = BatchCodec.ReadSignal(payload) switch
        {
            Signal.Metrics => new MetricBatch(),
            Signal.Logs => new LogBatch(),
            _ => new SpanBatch(),
        };
        using (batch)
        {
            BatchCodec.Read(payload, batch);
            return (batch.Tenant, batch.Signal.Name(), batch.RecordCount, FirstRecord(batch));
        }
    }

    private static string FirstRecord(TelemetryBatch batch)
    {
        if (batch.RecordCount == 0) return "";
        switch (batch)
        {
            case MetricBatch m:
                var labels = m.LabelsOf(m.SampleSeries[0]).ToArray().Select(l => $"{m.GetString(l.Name)}=\"{m.GetString(l.Value)}\"");
                return $"{{{string.Join(",", labels)}}} {m.SampleValues[0]} @{m.SampleTimestamps[0]}";
            case LogBatch l:
                return l.Body[0].Kind == AnyValueKind.String ? l.GetString(l.Body[0].Text) : l.Body[0].Kind.ToString();
            case SpanBatch s:
                return $"{s.TraceIds[0]} {s.GetString(s.Name[0])}";
            default:
                return "";
        }
    }
}
