using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;
using OllyStack.Ingest.Otlp;
using OllyStack.Testing;

namespace OllyStack.Ingest.Tests.Datasets;

/// <summary>The OpenTelemetry project's own OTLP/JSON example payloads decode completely, nothing rejected.</summary>
public sealed class OtlpJsonExamplesTests
{
    [DatasetFact("opentelemetry")]
    public void TheTraceExampleDecodesEverySpan()
    {
        using var batch = new SpanBatch();
        var rejections = new RejectionTally();
        OtlpTracesJsonDecoder.Decode(Example("trace.json"), batch, ref rejections);

        Assert.Equal(0, rejections.Rejected);
        Assert.True(batch.RecordCount > 0);
        Assert.Equal("my.service", ServiceOf(batch));
        Assert.All(Enumerable.Range(0, batch.RecordCount), i => Assert.False(batch.TraceIds[i].IsEmpty));
    }

    [DatasetFact("opentelemetry")]
    public void TheLogsAndEventsExamplesDecodeEveryRecord()
    {
        foreach (var file in new[] { "logs.json", "events.json" })
        {
            using var batch = new LogBatch();
            var rejections = new RejectionTally();
            OtlpLogsJsonDecoder.Decode(Example(file), batch, ref rejections);

            Assert.True(rejections.Rejected == 0, $"{file}: {rejections.Message}");
            Assert.True(batch.RecordCount > 0, $"{file} decoded no records");
        }
    }

    [DatasetFact("opentelemetry")]
    public void TheMetricsExampleBecomesPrometheusSeries()
    {
        using var batch = new MetricBatch();
        var rejections = new RejectionTally();
        OtlpMetricsJsonDecoder.Decode(Example("metrics.json"), batch, ref rejections);

        Assert.Equal(0, rejections.Rejected);
        Assert.True(batch.RecordCount > 0);
        var names = Enumerable.Range(0, batch.Series.Count)
            .Select(s => batch.LabelsOf(s).ToArray().Single(l => batch.GetString(l.Name) == "__name__"))
            .Select(l => batch.GetString(l.Value))
            .ToHashSet();
        Assert.Contains(names, n => n.EndsWith("_total", StringComparison.Ordinal));
        Assert.Contains(names, n => n.EndsWith("_bucket", StringComparison.Ordinal));
    }

    private static byte[] Example(string file) => File.ReadAllBytes(Path.Combine(SharedDatasets.Require("opentelemetry"), "otlp-json-examples", file));

    private static string ServiceOf(SpanBatch batch)
    {
        var resource = batch.Resources[batch.ResourceIndex[0]];
        var attribute = batch.AttributesOf(resource.Attributes).ToArray().Single(a => batch.GetString(a.Key) == "service.name");
        return batch.GetString(attribute.Value.Text);
    }
}
