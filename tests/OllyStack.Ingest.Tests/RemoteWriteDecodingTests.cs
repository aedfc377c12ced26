using Google.Protobuf;
using OllyStack.Core.Metrics;
using OllyStack.Ingest.Prometheus;
using OllyStack.Ingest.Wire;

namespace OllyStack.Ingest.Tests;

public sealed class RemoteWriteDecodingTests : IDisposable
{
    private readonly MetricBatch batch = new();

    public void Dispose() => batch.Dispose();

    private List<PrometheusSample> Decode(IMessage request) => Decode(request.ToByteArray());

    private List<PrometheusSample> Decode(byte[] request)
    {
        RemoteWriteDecoder.Decode(request, batch);
        return PrometheusSample.All(batch);
    }

    private static TimeSeries Series(params (string Name, string Value)[] labels)
    {
        var series = new TimeSeries();
        foreach (var (name, value) in labels) series.Labels.Add(new Label { Name = name, Value = value });
        return series;
    }

    [Fact]
    public void SeriesLabelsAreSortedAndSamplesKeptInOrder()
    {
        var requests = Series(("job", "api"), ("__name__", "http_requests_total"), ("instance", "10.0.0.1:9090"), ("code", "200"));
        requests.Samples.Add(new Sample { Timestamp = 1_700_000_000_000, Value = 10 });
        requests.Samples.Add(new Sample { Timestamp = 1_700_000_015_000, Value = 12.5 });
        var up = Series(("__name__", "up"), ("job", "api"));
        up.Samples.Add(new Sample { Timestamp = 1_700_000_000_000, Value = 1 });
        var request = new WriteRequest { Timeseries = { requests, up } };

        var samples = Decode(request);

        Assert.Equal(
            [
                "http_requests_total{code=\"200\",instance=\"10.0.0.1:9090\",job=\"api\"} 10 @1700000000000",
                "http_requests_total{code=\"200\",instance=\"10.0.0.1:9090\",job=\"api\"} 12.5 @1700000015000",
                "up{job=\"api\"} 1 @1700000000000",
            ],
            samples.Select(s => s.ToString()));
        Assert.Equal(["__name__", "code", "instance", "job"], batch.LabelsOf(0).ToArray().Select(l => batch.GetString(l.Name)));
        Assert.Equal(2, batch.Series.Count);
        Assert.All(samples, s => Assert.Equal(MetricType.Unknown, s.Type));
    }

    [Fact]
    public void SpecialValuesAndNegativeTimestampsSurvive()
    {
        var series = Series(("__name__", "x"));
        series.Samples.Add(new Sample { Timestamp = -1_000, Value = double.PositiveInfinity });
        series.Samples.Add(new Sample { Timestamp = 0, Value = BitConverter.UInt64BitsToDouble(0x7ff0000000000002) });
        series.Samples.Add(new Sample { Timestamp = long.MaxValue, Value = -1.5 });

        var samples = Decode(new WriteRequest { Timeseries = { series } });

        Assert.Equal([-1_000L, 0, long.MaxValue], samples.Select(s => s.TimestampMs));
        Assert.Equal([0x7ff0000000000000UL, 0x7ff0000000000002, BitConverter.DoubleToUInt64Bits(-1.5)], samples.Select(s => BitConverter.DoubleToUInt64Bits(s.Value)));
    }

    [Fact]
    public void LabelsWithEmptyValuesAreDropped()
    {
        var series = Series(("__name__", "up"), ("env", ""), ("job", "api"));
        series.Samples.Add(new Sample { Timestamp = 1, Value = 1 });

        Assert.Equal("up{job=\"api\"}", Decode(new WriteRequest { Timeseries = { series } })[0].Series);
    }

    [Fact]
    public void MetadataIsKeptWithItsType()
    {
        var request = new WriteRequest
        {
            Metadata =
            {
                new MetricMetadata { Type = MetricMetadata.Types.MetricType.Counter, MetricFamilyName = "http_requests_total", Help = "Requests served.", Unit = "requests" },
                new MetricMetadata { Type = MetricMetadata.Types.MetricType.Histogram, MetricFamilyName = "http_duration_seconds", Help = "Latency." },
                new MetricMetadata { Type = (MetricMetadata.Types.MetricType)42, MetricFamilyName = "odd" },
            },
        };

        Decode(request);

        Assert.Equal(
            [
                ("http_requests_total", MetricType.Counter, "requests", "Requests served."),
                ("http_duration_seconds", MetricType.Histogram, "", "Latency."),
                ("odd", MetricType.Unknown, "", ""),
            ],
            batch.Metadata.Span.ToArray().Select(m => (batch.GetString(m.Family), m.Type, batch.GetString(m.Unit), batch.GetString(m.Help))));
        Assert.Equal(0, batch.RecordCount);
    }

    [Fact]
    public void ExemplarsAreIgnored()
    {
        var series = Series(("__name__", "up"));
        series.Samples.Add(new Sample { Timestamp = 1, Value = 1 });
        series.Exemplars.Add(new Exemplar { Labels = { new Label { Name = "trace_id", Value = "abc" } }, Value = 1, Timestamp = 1 });

        var samples = Decode(new WriteRequest { Timeseries = { series } });

        Assert.Equal(["up 1 @1"], samples.Select(s => s.ToString()));
    }

    [Fact]
    public void DuplicateLabelNamesAreMalformed()
    {
        var series = Series(("__name__", "up"), ("job", "a"), ("job", "b"));
        series.Samples.Add(new Sample { Timestamp = 1, Value = 1 });

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(new WriteRequest { Timeseries = { series } }));

        Assert.StartsWith("malformed protobuf in TimeSeries", error.Message);
        Assert.EndsWith("a series has two labels with the same name", error.Message);
    }

    [Fact]
    public void SeriesWithoutLabelsIsMalformed()
    {
        var series = new TimeSeries { Samples = { new Sample { Timestamp = 1, Value = 1 } } };

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(new WriteRequest { Timeseries = { series } }));

        Assert.EndsWith("a series has no labels", error.Message);
    }

    [Fact]
    public void SeriesWhoseLabelsAreAllEmptyIsMalformed()
    {
        var series = Series(("job", ""));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(new WriteRequest { Timeseries = { series } }));

        Assert.EndsWith("a series has no labels", error.Message);
    }

    [Fact]
    public void LabelWithoutANameIsMalformed()
    {
        var series = Series(("__name__", "up"), ("", "x"));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(new WriteRequest { Timeseries = { series } }));

        Assert.StartsWith("malformed protobuf in Label", error.Message);
        Assert.EndsWith("a label has an empty name", error.Message);
    }

    [Fact]
    public void TruncatedRequestIsMalformedAtEveryLength()
    {
        var series = Series(("__name__", "up"), ("job", "api"));
        series.Samples.Add(new Sample { Timestamp = 1_700_000_000_000, Value = 1 });
        var request = new WriteRequest { Timeseries = { series } }.ToByteArray();

        for (var length = 1; length < request.Length; length++)
        {
            batch.Clear();
            var error = Assert.Throws<MalformedPayloadException>(() => Decode(request[..length]));
            Assert.StartsWith("malformed protobuf in WriteRequest", error.Message);
        }
    }

    [Fact]
    public void FieldsWithTheWrongWireTypeAreMalformed()
    {
        var sampleValueAsVarint = ProtobufWire.Message(o => o.Field(1, ProtobufWire.Message(t =>
        {
            t.Field(1, new Label { Name = "__name__", Value = "up" });
            t.Field(2, ProtobufWire.Message(s => s.Varint(1, 1)));
        })));
        var timestampAsFixed64 = ProtobufWire.Message(o => o.Field(1, ProtobufWire.Message(t =>
        {
            t.Field(1, new Label { Name = "__name__", Value = "up" });
            t.Field(2, ProtobufWire.Message(s => s.Fixed64(2, 1)));
        })));
        var metadataTypeAsString = ProtobufWire.Message(o => o.Field(3, ProtobufWire.Message(m => m.Text(1, "counter"))));

        Assert.EndsWith("value has wire type 0, expected 1", Assert.Throws<MalformedPayloadException>(() => Decode(sampleValueAsVarint)).Message);
        Assert.EndsWith("timestamp has wire type 1, expected 0", Assert.Throws<MalformedPayloadException>(() => Decode(timestampAsFixed64)).Message);
        Assert.Contains("in MetricMetadata", Assert.Throws<MalformedPayloadException>(() => Decode(metadataTypeAsString)).Message);
    }
}
