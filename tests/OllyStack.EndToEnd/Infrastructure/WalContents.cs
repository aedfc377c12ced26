using OllyStack.Core.Batches;
using OllyStack.Core.Durability;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Log;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>A log record as stored, flattened for assertions.</summary>
internal sealed record StoredLog(long Offset, string Tenant, string Service, string Body, string Severity, IReadOnlyDictionary<string, string> Attributes, string TraceId)
{
    public int SeverityNumber { get; init; }

    public IReadOnlyDictionary<string, string> Resource { get; init; } = new Dictionary<string, string>();
}

/// <summary>A span as stored, flattened for assertions.</summary>
internal sealed record StoredSpan(string Tenant, string Service, string TraceId, string SpanId, string ParentSpanId, string Name, int Kind, int StatusCode);

/// <summary>A metric sample as stored: the series in Prometheus notation.</summary>
internal sealed record StoredSample(string Tenant, string Series, long TimestampMs, double Value);

/// <summary>
/// Reads what the server made durable, through the log's read-only inspector (safe while the server runs) and
/// the batch codec: exactly what storage and the realtime engine will consume.
/// </summary>
internal static class WalContents
{
    public static IEnumerable<(long Offset, T Batch)> Batches<T>(string dataDir, string topic) where T : TelemetryBatch, new()
    {
        var walDir = Path.Combine(dataDir, "wal");
        if (!Directory.Exists(Path.Combine(walDir, topic))) yield break;
        var batch = new T();
        foreach (var record in WalInspector.Open(walDir).ReadRecords(topic))
        {
            BatchCodec.Read(record.Payload.Span, batch);
            yield return (record.Offset, batch);
        }
    }

    public static List<StoredLog> Logs(string dataDir) =>
        Batches<LogBatch>(dataDir, LogTopics.Logs).SelectMany(b => FlattenLogs(b.Offset, b.Batch)).ToList();

    public static List<StoredSpan> Spans(string dataDir) =>
        Batches<SpanBatch>(dataDir, LogTopics.Traces).SelectMany(b => FlattenSpans(b.Batch)).ToList();

    public static List<StoredSample> Samples(string dataDir) =>
        Batches<MetricBatch>(dataDir, LogTopics.Metrics).SelectMany(b => FlattenSamples(b.Batch)).ToList();

    private static List<StoredLog> FlattenLogs(long offset, LogBatch batch)
    {
        var logs = new List<StoredLog>();
        for (var i = 0; i < batch.RecordCount; i++)
        {
            var attributes = Attributes(batch, batch.RecordAttributes[i]);
            var body = batch.Body[i];
            logs.Add(new StoredLog(offset, batch.Tenant, Service(batch, batch.ResourceIndex[i]),
                body.Kind == AnyValueKind.String ? batch.GetString(body.Text) : "",
                batch.GetString(batch.SeverityText[i]), attributes, batch.TraceIds[i].ToString())
            {
                SeverityNumber = batch.SeverityNumber[i],
                Resource = Attributes(batch, batch.Resources[batch.ResourceIndex[i]].Attributes),
            });
        }
        return logs;
    }

    private static List<StoredSpan> FlattenSpans(SpanBatch batch)
    {
        var spans = new List<StoredSpan>();
        for (var i = 0; i < batch.RecordCount; i++)
            spans.Add(new StoredSpan(batch.Tenant, Service(batch, batch.ResourceIndex[i]), batch.TraceIds[i].ToString(),
                batch.SpanIds[i].ToString(), batch.ParentSpanIds[i].ToString(), batch.GetString(batch.Name[i]), batch.Kind[i], batch.StatusCode[i]));
        return spans;
    }

    private static List<StoredSample> FlattenSamples(MetricBatch batch)
    {
        var samples = new List<StoredSample>();
        for (var i = 0; i < batch.RecordCount; i++)
        {
            var labels = batch.LabelsOf(batch.SampleSeries[i]).ToArray();
            var name = labels.Where(l => batch.GetString(l.Name) == "__name__").Select(l => batch.GetString(l.Value)).FirstOrDefault() ?? "";
            var rest = string.Join(",", labels.Where(l => batch.GetString(l.Name) != "__name__").Select(l => $"{batch.GetString(l.Name)}=\"{batch.GetString(l.Value)}\""));
            samples.Add(new StoredSample(batch.Tenant, $"{name}{{{rest}}}", batch.SampleTimestamps[i], batch.SampleValues[i]));
        }
        return samples;
    }

    private static Dictionary<string, string> Attributes(OtlpBatch batch, AttributeRange range)
    {
        var result = new Dictionary<string, string>();
        foreach (var attribute in batch.AttributesOf(range))
            result[batch.GetString(attribute.Key)] = attribute.Value.Kind switch
            {
                AnyValueKind.Int => attribute.Value.Scalar.ToString(System.Globalization.CultureInfo.InvariantCulture),
                AnyValueKind.String => batch.GetString(attribute.Value.Text),
                _ => attribute.Value.Kind.ToString(),
            };
        return result;
    }

    private static string Service(OtlpBatch batch, int resource) =>
        Attributes(batch, batch.Resources[resource].Attributes).GetValueOrDefault("service.name", "");
}
