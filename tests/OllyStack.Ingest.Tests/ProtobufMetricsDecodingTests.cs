using System.Globalization;
using Google.Protobuf;
using OllyStack.Core.Metrics;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Collector.Metrics;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Metrics;
using OllyStack.Ingest.Wire;
using OtlpAnyValue = OllyStack.Ingest.Otlp.Common.AnyValue;
using OtlpResource = OllyStack.Ingest.Otlp.Resource.Resource;
using Requests = OllyStack.Ingest.Tests.ProtobufTestRequests;

namespace OllyStack.Ingest.Tests;

public sealed class ProtobufMetricsDecodingTests : IDisposable
{
    private const long T0Ms = 1_700_000_000_000;
    private const ulong StaleNaNBits = 0x7ff0000000000002;
    private const string Identity = "instance=\"pod-1\",job=\"checkout\"";
    private const string TargetInfo = "target_info{host_name=\"node-7\"," + Identity + "} 1 @1700000000000";

    private readonly MetricBatch batch = new();
    private RejectionTally rejections;

    public void Dispose() => batch.Dispose();

    private List<PrometheusSample> Decode(byte[] request)
    {
        OtlpMetricsProtobufDecoder.Decode(request, batch, ref rejections);
        return PrometheusSample.All(batch);
    }

    private List<PrometheusSample> Decode(IMessage request) => Decode(request.ToByteArray());

    private List<string> DecodeText(params Metric[] metrics) => Decode(Requests.Metrics(metrics)).Select(s => s.ToString()).ToList();

    private static ExportMetricsServiceRequest WithResource(OtlpResource resource, params Metric[] metrics) => new()
    {
        ResourceMetrics = { new ResourceMetrics { Resource = resource, ScopeMetrics = { new ScopeMetrics { Metrics = { metrics } } } } },
    };

    private static OtlpResource ResourceOf(params (string Key, string Value)[] attributes)
    {
        var resource = new OtlpResource();
        foreach (var (key, value) in attributes) resource.Attributes.Add(Requests.Attr(key, value));
        return resource;
    }

    private static Metric GaugeOf(string name, params NumberDataPoint[] points) => new() { Name = name, Gauge = new Gauge { DataPoints = { points } } };

    private static Metric SumOf(string name, string unit, bool monotonic, AggregationTemporality temporality, double value) => new()
    {
        Name = name,
        Unit = unit,
        Sum = new Sum { IsMonotonic = monotonic, AggregationTemporality = temporality, DataPoints = { new NumberDataPoint { TimeUnixNano = Requests.T0, AsDouble = value } } },
    };

    private static double Le(PrometheusSample sample) =>
        sample.Label("le") == "+Inf" ? double.PositiveInfinity : double.Parse(sample.Label("le")!, CultureInfo.InvariantCulture);

    [Fact]
    public void MonotonicSumBecomesACounterWithTheTotalSuffix()
    {
        var samples = Decode(Requests.Metrics(Requests.Counter("http.server.requests", "{requests}", 5)));

        Assert.Equal(
            [$"http_server_requests_total{{http_method=\"GET\",{Identity}}} 5 @{T0Ms}", TargetInfo],
            samples.Select(s => s.ToString()));
        Assert.Equal(MetricType.Counter, samples[0].Type);
        Assert.Equal(SeriesFlags.None, samples[0].Flags);
        Assert.Equal(MetricType.Gauge, samples[1].Type);
        Assert.Equal(0, rejections.Rejected);
    }

    [Theory]
    [InlineData("process.uptime", "s", "gauge", "process_uptime_seconds")]
    [InlineData("memory.usage", "By", "gauge", "memory_usage_bytes")]
    [InlineData("cpu.utilization", "1", "gauge", "cpu_utilization_ratio")]
    [InlineData("http.requests", "{requests}", "counter", "http_requests_total")]
    [InlineData("active.requests", "{requests}", "gauge", "active_requests")]
    [InlineData("network.io.rate", "By/s", "gauge", "network_io_rate_bytes_per_second")]
    [InlineData("packets.rate", "{packets}/s", "gauge", "packets_rate_per_second")]
    [InlineData("request.duration", "s", "counter", "request_duration_seconds_total")]
    [InlineData("items.processed", "1", "counter", "items_processed_total")]
    [InlineData("latency_seconds", "s", "gauge", "latency_seconds")]
    [InlineData("jobs_total", "", "counter", "jobs_total")]
    [InlineData("queue.size", "{items}", "updowncounter", "queue_size")]
    [InlineData("disk.io", "KiBy", "counter", "disk_io_kibibytes_total")]
    [InlineData("room.temperature", "Cel", "gauge", "room_temperature_celsius")]
    [InlineData("http.client.duration", "ms", "gauge", "http_client_duration_milliseconds")]
    [InlineData("2fa.attempts", "", "counter", "_2fa_attempts_total")]
    public void NamesFollowTheOpenTelemetryToPrometheusRules(string name, string unit, string kind, string expected)
    {
        var metric = kind == "gauge"
            ? new Metric { Name = name, Unit = unit, Gauge = new Gauge { DataPoints = { new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1 } } } }
            : SumOf(name, unit, kind == "counter", AggregationTemporality.Cumulative, 1);

        var sample = Decode(Requests.Metrics(metric))[0];

        Assert.Equal(expected, sample.Name);
        Assert.Equal(kind == "counter" ? MetricType.Counter : MetricType.Gauge, sample.Type);
    }

    [Fact]
    public void IntegerGaugeKeepsItsValue()
    {
        Assert.Equal([$"queue_depth{{{Identity}}} 42 @{T0Ms}", TargetInfo], DecodeText(Requests.Gauge("queue.depth", "{items}", 42)));
    }

    [Fact]
    public void ResourceBecomesJobInstanceAndATargetInfoSeriesWithTheOtherAttributes()
    {
        var resource = ResourceOf(("service.namespace", "shop"), ("service.name", "cart"), ("service.instance.id", "i-1"),
            ("host.name", "h"), ("k8s.pod.name", "p"), ("deployment.environment", "prod"));
        var gauge = GaugeOf("temperature",
            new NumberDataPoint { TimeUnixNano = Requests.T0 + 5_000_000_000, AsDouble = 20 },
            new NumberDataPoint { TimeUnixNano = Requests.T0, AsDouble = 19 });

        var samples = Decode(WithResource(resource, gauge)).Select(s => s.ToString());

        Assert.Equal(
            [
                "temperature{instance=\"i-1\",job=\"shop/cart\"} 20 @1700000005000",
                "temperature{instance=\"i-1\",job=\"shop/cart\"} 19 @1700000000000",
                "target_info{deployment_environment=\"prod\",host_name=\"h\",instance=\"i-1\",job=\"shop/cart\",k8s_pod_name=\"p\"} 1 @1700000005000",
            ],
            samples);
    }

    [Fact]
    public void ResourceAfterItsMetricsOnTheWireStillLabelsThem()
    {
        var counter = Requests.Counter("http.server.requests", "{requests}", 5);
        var inOrder = DecodeText(counter);
        batch.Clear();

        var resourceMetrics = ProtobufWire.Message(o =>
        {
            o.Field(2, new ScopeMetrics { Scope = new InstrumentationScope { Name = "meter" }, Metrics = { counter } });
            o.Field(1, Requests.Resource("checkout", ("service.instance.id", "pod-1"), ("host.name", "node-7")));
        });
        var reversed = Decode(ProtobufWire.Request(resourceMetrics)).Select(s => s.ToString());

        Assert.Equal(inOrder, reversed);
        Assert.Contains(TargetInfo, inOrder);
    }

    [Fact]
    public void ServiceNamespaceAloneIsTheJob()
    {
        var samples = Decode(WithResource(ResourceOf(("service.namespace", "shop")), GaugeOf("up", new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1 })));

        Assert.Equal([$"up{{job=\"shop\"}} 1 @{T0Ms}"], samples.Select(s => s.ToString()));
    }

    [Fact]
    public void ResourceWithOnlyTheServiceIdentityHasNoTargetInfo()
    {
        var samples = Decode(WithResource(ResourceOf(("service.name", "cart"), ("service.instance.id", "i-1")), GaugeOf("up", new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1 })));

        Assert.Equal([$"up{{instance=\"i-1\",job=\"cart\"}} 1 @{T0Ms}"], samples.Select(s => s.ToString()));
    }

    [Fact]
    public void ResourcesDoNotLeakIntoEachOther()
    {
        var request = WithResource(ResourceOf(("service.name", "a"), ("host.name", "h1")), GaugeOf("up", new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1 }));
        request.ResourceMetrics.Add(new ResourceMetrics
        {
            Resource = ResourceOf(("service.name", "b")),
            ScopeMetrics = { new ScopeMetrics { Metrics = { GaugeOf("up", new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 0 }) } } },
        });

        var samples = Decode(request).Select(s => s.ToString());

        Assert.Equal(
            [$"up{{job=\"a\"}} 1 @{T0Ms}", $"target_info{{host_name=\"h1\",job=\"a\"}} 1 @{T0Ms}", $"up{{job=\"b\"}} 0 @{T0Ms}"],
            samples);
    }

    [Fact]
    public void HistogramBecomesCumulativeBucketsWithLeSumAndCount()
    {
        var samples = Decode(Requests.Metrics(Requests.Histogram("http.server.duration", "s")));

        const string labels = "http_route=\"/cart\"," + Identity;
        Assert.Equal(
            [
                $"http_server_duration_seconds_bucket{{{labels},le=\"0.1\"}} 1 @{T0Ms}",
                $"http_server_duration_seconds_bucket{{{labels},le=\"0.5\"}} 3 @{T0Ms}",
                $"http_server_duration_seconds_bucket{{{labels},le=\"1\"}} 5 @{T0Ms}",
                $"http_server_duration_seconds_bucket{{{labels},le=\"+Inf\"}} 6 @{T0Ms}",
                $"http_server_duration_seconds_sum{{{labels}}} 2.5 @{T0Ms}",
                $"http_server_duration_seconds_count{{{labels}}} 6 @{T0Ms}",
                TargetInfo,
            ],
            samples.Select(s => s.ToString()));
        Assert.All(samples.SkipLast(1), s => Assert.Equal(MetricType.Histogram, s.Type));
    }

    [Fact]
    public void HistogramWithoutBucketsStillHasInfSumAndCount()
    {
        var metric = new Metric
        {
            Name = "jobs.duration", Unit = "s",
            Histogram = new Histogram { AggregationTemporality = AggregationTemporality.Cumulative, DataPoints = { new HistogramDataPoint { TimeUnixNano = Requests.T0, Count = 4, Sum = 1 } } },
        };

        Assert.Equal(
            [
                $"jobs_duration_seconds_bucket{{{Identity},le=\"+Inf\"}} 4 @{T0Ms}",
                $"jobs_duration_seconds_sum{{{Identity}}} 1 @{T0Ms}",
                $"jobs_duration_seconds_count{{{Identity}}} 4 @{T0Ms}",
                TargetInfo,
            ],
            DecodeText(metric));
    }

    [Fact]
    public void PackedUnpackedAndMixedBucketCountsDecodeAlike()
    {
        var packed = Decode(Requests.Metrics(Requests.Histogram("http.server.duration", "s"))).Select(s => s.ToString()).ToList();

        foreach (var unpackedCounts in new[] { 4, 2 })
        {
            batch.Clear();
            var point = ProtobufWire.Message(o =>
            {
                o.Field(9, Requests.Attr("http.route", "/cart"));
                o.Fixed64(3, Requests.T0);
                o.Fixed64(4, 6);
                o.Double(5, 2.5);
                ulong[] counts = [1, 2, 2, 1];
                foreach (var count in counts[..unpackedCounts]) o.Fixed64(6, count);
                if (unpackedCounts < counts.Length) o.Field(6, counts[unpackedCounts..].SelectMany(BitConverter.GetBytes).ToArray());
                foreach (var bound in new[] { 0.1, 0.5, 1 }) o.Double(7, bound);
            });
            var histogram = ProtobufWire.Message(o =>
            {
                o.Field(1, point);
                o.Varint(2, (ulong)AggregationTemporality.Cumulative);
            });
            var metric = ProtobufWire.Message(o =>
            {
                o.Text(1, "http.server.duration");
                o.Text(3, "s");
                o.Field(9, histogram);
            });
            var request = ProtobufWire.Request(ProtobufWire.Message(o =>
            {
                o.Field(1, Requests.Resource("checkout", ("service.instance.id", "pod-1"), ("host.name", "node-7")));
                o.Field(2, ProtobufWire.Message(s => s.Field(2, metric)));
            }));

            Assert.Equal(packed, Decode(request).Select(s => s.ToString()));
        }
    }

    private static Metric ExponentialHistogramOf(ExponentialHistogramDataPoint point, AggregationTemporality temporality = AggregationTemporality.Cumulative) => new()
    {
        Name = "rpc.latency",
        Unit = "s",
        ExponentialHistogram = new ExponentialHistogram { AggregationTemporality = temporality, DataPoints = { point } },
    };

    [Fact]
    public void ExponentialHistogramBecomesClassicCumulativeBuckets()
    {
        var point = new ExponentialHistogramDataPoint
        {
            TimeUnixNano = Requests.T0, Count = 9, Sum = 10, Scale = 0, ZeroCount = 2,
            Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 0, BucketCounts = { 1, 2, 3 } },
            Negative = new ExponentialHistogramDataPoint.Types.Buckets { Offset = 0, BucketCounts = { 1 } },
        };

        Assert.Equal(
            [
                $"rpc_latency_seconds_bucket{{{Identity},le=\"-1\"}} 1 @{T0Ms}",
                $"rpc_latency_seconds_bucket{{{Identity},le=\"0\"}} 3 @{T0Ms}",
                $"rpc_latency_seconds_bucket{{{Identity},le=\"2\"}} 4 @{T0Ms}",
                $"rpc_latency_seconds_bucket{{{Identity},le=\"4\"}} 6 @{T0Ms}",
                $"rpc_latency_seconds_bucket{{{Identity},le=\"8\"}} 9 @{T0Ms}",
                $"rpc_latency_seconds_bucket{{{Identity},le=\"+Inf\"}} 9 @{T0Ms}",
                $"rpc_latency_seconds_sum{{{Identity}}} 10 @{T0Ms}",
                $"rpc_latency_seconds_count{{{Identity}}} 9 @{T0Ms}",
                TargetInfo,
            ],
            DecodeText(ExponentialHistogramOf(point)));
    }

    [Theory]
    [InlineData(3, -5, 0.0)]
    [InlineData(-2, 1, 0.001)]
    [InlineData(20, 1000, 0.0)]
    [InlineData(-10, 0, 0.5)]
    [InlineData(-10, -2, 0.0)]
    [InlineData(0, -3, 0.5)]
    [InlineData(0, -1080, 0.0)]
    public void ExponentialBucketBoundsIncreaseAndInfEqualsTheCount(int scale, int offset, double zeroThreshold)
    {
        var point = new ExponentialHistogramDataPoint
        {
            TimeUnixNano = Requests.T0, Scale = scale, ZeroCount = 3, ZeroThreshold = zeroThreshold, Sum = 1,
            Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = offset, BucketCounts = { 1, 0, 4, 2, 7, 1, 1, 1, 1, 5 } },
            Negative = new ExponentialHistogramDataPoint.Types.Buckets { Offset = offset, BucketCounts = { 2, 2, 1 } },
        };
        point.Count = 3 + point.Positive.BucketCounts.Aggregate(0UL, (a, b) => a + b) + point.Negative.BucketCounts.Aggregate(0UL, (a, b) => a + b);

        var buckets = Decode(Requests.Metrics(ExponentialHistogramOf(point))).Where(s => s.Name == "rpc_latency_seconds_bucket").ToList();

        Assert.True(buckets.Count >= 2);
        for (var i = 1; i < buckets.Count; i++)
        {
            Assert.True(Le(buckets[i]) > Le(buckets[i - 1]), $"bound {buckets[i].Label("le")} does not exceed {buckets[i - 1].Label("le")}");
            Assert.True(buckets[i].Value >= buckets[i - 1].Value, $"bucket le={buckets[i].Label("le")} is not cumulative");
        }
        Assert.Equal("+Inf", buckets[^1].Label("le"));
        Assert.Equal((double)point.Count, buckets[^1].Value);
        Assert.True(buckets[^2].Value <= point.Count);
    }

    [Fact]
    public void PackedAndUnpackedExponentialBucketCountsDecodeAlike()
    {
        var point = new ExponentialHistogramDataPoint
        {
            TimeUnixNano = Requests.T0, Count = 6, Sum = 1, Scale = 1,
            Positive = new ExponentialHistogramDataPoint.Types.Buckets { Offset = -2, BucketCounts = { 1, 2, 3 } },
        };
        var packed = DecodeText(ExponentialHistogramOf(point));
        batch.Clear();

        var buckets = ProtobufWire.Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteSInt32(-2);
            foreach (var count in new ulong[] { 1, 2, 3 }) o.Varint(2, count);
        });
        var unpackedPoint = ProtobufWire.Message(o =>
        {
            o.Fixed64(3, Requests.T0);
            o.Fixed64(4, 6);
            o.Double(5, 1);
            o.WriteTag(6, WireFormat.WireType.Varint);
            o.WriteSInt32(1);
            o.Field(8, buckets);
        });
        var metric = ProtobufWire.Message(o =>
        {
            o.Text(1, "rpc.latency");
            o.Text(3, "s");
            o.Field(10, ProtobufWire.Message(h => h.Field(1, unpackedPoint)));
        });
        var request = ProtobufWire.Request(ProtobufWire.Message(o =>
        {
            o.Field(1, Requests.Resource("checkout", ("service.instance.id", "pod-1"), ("host.name", "node-7")));
            o.Field(2, ProtobufWire.Message(s => s.Field(2, metric)));
        }));

        Assert.Equal(packed, Decode(request).Select(s => s.ToString()));
        Assert.Contains(packed, s => s.Contains("le=\"1.4142135623730951\"} 6", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(21)]
    [InlineData(-11)]
    public void ExponentialScaleOutsideTheSpecIsMalformed(int scale)
    {
        var point = new ExponentialHistogramDataPoint { TimeUnixNano = Requests.T0, Count = 1, Scale = scale };

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(Requests.Metrics(ExponentialHistogramOf(point))));

        Assert.Contains("ExponentialHistogramDataPoint", error.Message);
        Assert.Contains($"scale {scale} is outside -10..20", error.Message);
    }

    [Fact]
    public void SummaryBecomesQuantileSeriesWithSumAndCount()
    {
        var metric = new Metric
        {
            Name = "rpc.duration",
            Unit = "s",
            Summary = new Summary
            {
                DataPoints =
                {
                    new SummaryDataPoint
                    {
                        TimeUnixNano = Requests.T0, Count = 10, Sum = 3,
                        QuantileValues =
                        {
                            new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.5, Value = 0.12 },
                            new SummaryDataPoint.Types.ValueAtQuantile { Quantile = 0.99, Value = 0.8 },
                        },
                    },
                },
            },
        };

        var samples = Decode(Requests.Metrics(metric));

        Assert.Equal(
            [
                $"rpc_duration_seconds{{{Identity},quantile=\"0.5\"}} 0.12 @{T0Ms}",
                $"rpc_duration_seconds{{{Identity},quantile=\"0.99\"}} 0.8 @{T0Ms}",
                $"rpc_duration_seconds_sum{{{Identity}}} 3 @{T0Ms}",
                $"rpc_duration_seconds_count{{{Identity}}} 10 @{T0Ms}",
                TargetInfo,
            ],
            samples.Select(s => s.ToString()));
        Assert.All(samples.SkipLast(1), s => Assert.Equal(MetricType.Summary, s.Type));
    }

    [Fact]
    public void NoRecordedValueFlagBecomesThePrometheusStaleMarker()
    {
        var gauge = GaugeOf("up", new NumberDataPoint { TimeUnixNano = Requests.T0, AsDouble = 5, Flags = (uint)DataPointFlags.NoRecordedValueMask });
        var histogram = Requests.Histogram("http.server.duration", "s");
        histogram.Histogram.DataPoints[0].Flags = (uint)DataPointFlags.NoRecordedValueMask;
        var recorded = GaugeOf("recorded", new NumberDataPoint { TimeUnixNano = Requests.T0, AsDouble = 5 });

        var samples = Decode(Requests.Metrics(gauge, histogram, recorded)).Where(s => s.Name != "target_info").ToList();

        Assert.Equal(1 + 6 + 1, samples.Count);
        Assert.All(samples.SkipLast(1), s => Assert.Equal(StaleNaNBits, BitConverter.DoubleToUInt64Bits(s.Value)));
        Assert.Equal(5, samples[^1].Value);
    }

    [Fact]
    public void DeltaTemporalityIsFlaggedOnSumsAndHistogramsOnly()
    {
        var deltaHistogram = Requests.Histogram("delta.histogram", "s");
        deltaHistogram.Histogram.AggregationTemporality = AggregationTemporality.Delta;
        var point = new ExponentialHistogramDataPoint { TimeUnixNano = Requests.T0, Count = 1, ZeroCount = 1 };

        var samples = Decode(Requests.Metrics(
            SumOf("delta.counter", "", true, AggregationTemporality.Delta, 1),
            SumOf("delta.updown", "", false, AggregationTemporality.Delta, 1),
            SumOf("cumulative.counter", "", true, AggregationTemporality.Cumulative, 1),
            deltaHistogram,
            ExponentialHistogramOf(point, AggregationTemporality.Delta),
            GaugeOf("gauge", new NumberDataPoint { TimeUnixNano = Requests.T0, AsDouble = 1 })));

        var flags = samples.GroupBy(s => s.Name).ToDictionary(g => g.Key, g => g.Select(s => s.Flags).Distinct().Single());
        Assert.Equal(SeriesFlags.Delta, flags["delta_counter_total"]);
        Assert.Equal(SeriesFlags.Delta, flags["delta_updown"]);
        Assert.Equal(SeriesFlags.None, flags["cumulative_counter_total"]);
        Assert.Equal(SeriesFlags.Delta, flags["delta_histogram_seconds_bucket"]);
        Assert.Equal(SeriesFlags.Delta, flags["delta_histogram_seconds_count"]);
        Assert.Equal(SeriesFlags.Delta, flags["rpc_latency_seconds_bucket"]);
        Assert.Equal(SeriesFlags.None, flags["gauge"]);
        Assert.Equal(SeriesFlags.None, flags["target_info"]);
    }

    [Fact]
    public void EachMetricGetsAMetadataEntry()
    {
        var counter = Requests.Counter("http.requests", "{requests}", 1);
        counter.Description = "Requests served.";
        var histogram = Requests.Histogram("http.duration", "s");
        histogram.Description = "Time to serve a request.";

        Decode(Requests.Metrics(counter, histogram));

        var metadata = batch.Metadata.Span.ToArray()
            .Select(m => (batch.GetString(m.Family), m.Type, batch.GetString(m.Unit), batch.GetString(m.Help)))
            .ToList();
        Assert.Equal(
            [
                ("http_requests_total", MetricType.Counter, "{requests}", "Requests served."),
                ("http_duration_seconds", MetricType.Histogram, "s", "Time to serve a request."),
            ],
            metadata);
    }

    [Fact]
    public void AttributeValuesBecomeLabelTextAndNamesAreSanitised()
    {
        var point = new NumberDataPoint
        {
            TimeUnixNano = Requests.T0,
            AsInt = 1,
            Attributes =
            {
                Requests.Attr("http.status_code", 200),
                new KeyValue { Key = "cache.hit", Value = new OtlpAnyValue { BoolValue = true } },
                new KeyValue { Key = "ratio", Value = new OtlpAnyValue { DoubleValue = 0.5 } },
                new KeyValue { Key = "2xx", Value = new OtlpAnyValue { BytesValue = ByteString.CopyFrom(0, 1) } },
                new KeyValue { Key = "tags", Value = new OtlpAnyValue { ArrayValue = new ArrayValue { Values = { new OtlpAnyValue { StringValue = "a" } } } } },
                new KeyValue { Key = "_private", Value = new OtlpAnyValue { StringValue = "x" } },
            },
        };

        var sample = Decode(Requests.Metrics(GaugeOf("up", point)))[0];

        Assert.Equal(
            "up{cache_hit=\"true\",http_status_code=\"200\",instance=\"pod-1\",job=\"checkout\",key_2xx=\"AAE=\",key_private=\"x\",ratio=\"0.5\",tags=\"[\"a\"]\"}",
            sample.Series);
    }

    [Fact]
    public void AttributesThatCollideAfterSanitisingRejectTheSample()
    {
        var colliding = new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1, Attributes = { Requests.Attr("a.b", "1"), Requests.Attr("a_b", "2") } };
        var fine = new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 2, Attributes = { Requests.Attr("a.b", "1") } };

        var samples = Decode(Requests.Metrics(GaugeOf("up", colliding, fine))).Select(s => s.ToString());

        Assert.Equal([$"up{{a_b=\"1\",{Identity}}} 2 @{T0Ms}", TargetInfo], samples);
        Assert.Equal(1, rejections.Rejected);
        Assert.Equal("data point rejected: two attributes map to the same Prometheus label name", rejections.Message);
        Assert.Equal(2, batch.Series.Count);
    }

    [Fact]
    public void MetricWithoutANameIsRejectedWithAllItsPoints()
    {
        var nameless = GaugeOf("", new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 1 }, new NumberDataPoint { TimeUnixNano = Requests.T0, AsInt = 2 });

        var samples = Decode(Requests.Metrics(nameless, Requests.Gauge("kept", "", 3)));

        Assert.Equal([$"kept{{{Identity}}} 3 @{T0Ms}", TargetInfo], samples.Select(s => s.ToString()));
        Assert.Equal(2, rejections.Rejected);
        Assert.Equal("metric rejected: name is empty (and 1 more rejected)", rejections.Message);
    }

    [Fact]
    public void HistogramWhoseBucketCountsDisagreeWithItsBoundsIsRejected()
    {
        var histogram = Requests.Histogram("http.server.duration", "s");
        histogram.Histogram.DataPoints[0].BucketCounts.RemoveAt(3);

        var samples = Decode(Requests.Metrics(histogram, Requests.Gauge("kept", "", 3)));

        Assert.Equal([$"kept{{{Identity}}} 3 @{T0Ms}", TargetInfo], samples.Select(s => s.ToString()));
        Assert.Equal(1, rejections.Rejected);
        Assert.Equal("histogram data point rejected: bucket_counts must have one more entry than explicit_bounds", rejections.Message);
    }

    [Fact]
    public void TruncatedRequestIsMalformedAtEveryLength()
    {
        var request = Requests.Metrics(Requests.Counter("c", "", 1), Requests.Histogram("h", "s")).ToByteArray();

        for (var length = 1; length < request.Length; length++)
        {
            batch.Clear();
            var error = Assert.Throws<MalformedPayloadException>(() => Decode(request[..length]));
            Assert.StartsWith("malformed protobuf in ExportMetricsServiceRequest", error.Message);
        }
    }

    [Fact]
    public void FieldsWithTheWrongWireTypeAreMalformed()
    {
        static byte[] RequestWithMetric(byte[] metric) => ProtobufWire.Request(ProtobufWire.Message(o => o.Field(2, ProtobufWire.Message(s => s.Field(2, metric)))));
        var badName = RequestWithMetric(ProtobufWire.Message(o => o.Varint(1, 1)));
        var badPoint = RequestWithMetric(ProtobufWire.Message(o =>
        {
            o.Text(1, "up");
            o.Field(5, ProtobufWire.Message(g => g.Field(1, ProtobufWire.Message(p => p.Varint(3, 1)))));
        }));
        var badBounds = RequestWithMetric(ProtobufWire.Message(o =>
        {
            o.Text(1, "h");
            o.Field(9, ProtobufWire.Message(g => g.Field(1, ProtobufWire.Message(p => p.Varint(7, 1)))));
        }));

        var nameError = Assert.Throws<MalformedPayloadException>(() => Decode(badName));
        var pointError = Assert.Throws<MalformedPayloadException>(() => Decode(badPoint));
        var boundsError = Assert.Throws<MalformedPayloadException>(() => Decode(badBounds));

        Assert.StartsWith("malformed protobuf in Metric ", nameError.Message);
        Assert.EndsWith("name has wire type 0, expected 2", nameError.Message);
        Assert.StartsWith("malformed protobuf in NumberDataPoint", pointError.Message);
        Assert.EndsWith("time_unix_nano has wire type 0, expected 1", pointError.Message);
        Assert.StartsWith("malformed protobuf in HistogramDataPoint", boundsError.Message);
        Assert.EndsWith("explicit_bounds has wire type 0, expected 2", boundsError.Message);
    }

    [Fact]
    public void PackedBucketCountsCutMidValueAreMalformed()
    {
        var request = ProtobufWire.Request(ProtobufWire.Message(o => o.Field(2, ProtobufWire.Message(s => s.Field(2, ProtobufWire.Message(m =>
        {
            m.Text(1, "h");
            m.Field(9, ProtobufWire.Message(h => h.Field(1, ProtobufWire.Message(p => p.Field(6, new byte[12])))));
        }))))));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(request));

        Assert.StartsWith("malformed protobuf in bucket_counts", error.Message);
    }
}
