using Google.Protobuf;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Ingest.Otlp;
using OllyStack.Ingest.Otlp.Collector.Logs;
using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Logs;
using OllyStack.Ingest.Wire;
using OtlpAnyValue = OllyStack.Ingest.Otlp.Common.AnyValue;
using static OllyStack.Ingest.Tests.ProtobufTestRequests;

namespace OllyStack.Ingest.Tests;

public sealed class ProtobufLogsDecodingTests : IDisposable
{
    private readonly LogBatch batch = new();
    private RejectionTally rejections;

    public void Dispose() => batch.Dispose();

    private void Decode(byte[] request) => OtlpLogsProtobufDecoder.Decode(request, batch, ref rejections);

    private void Decode(IMessage request) => Decode(request.ToByteArray());

    private static ExportLogsServiceRequest Request(Otlp.Resource.Resource resource, params ScopeLogs[] scopes) =>
        new() { ResourceLogs = { new ResourceLogs { Resource = resource, ScopeLogs = { scopes } } } };

    private static ScopeLogs Scope(string name, params LogRecord[] records) =>
        new() { Scope = new InstrumentationScope { Name = name }, LogRecords = { records } };

    private static LogRecord Record(string body) => new()
    {
        TimeUnixNano = T0,
        SeverityNumber = SeverityNumber.Info,
        Body = new OtlpAnyValue { StringValue = body },
        Attributes = { Attr("order.id", 1), Attr("http.method", "POST") },
    };

    private static byte[] RequestWithRecord(byte[] record) =>
        ProtobufWire.Request(ProtobufWire.Message(r => r.Field(2, ProtobufWire.Message(s => s.Field(2, record)))));

    [Fact]
    public void EveryFieldOfARecordLandsInTheBatch()
    {
        var record = new LogRecord
        {
            TimeUnixNano = T0,
            ObservedTimeUnixNano = T0 + 500,
            SeverityNumber = SeverityNumber.Error2,
            SeverityText = "ERROR2",
            Body = new OtlpAnyValue { StringValue = "payment failed: card declined" },
            Attributes =
            {
                Attr("order.id", 4711), Attr("http.method", "POST"),
                new KeyValue { Key = "retry", Value = new OtlpAnyValue { BoolValue = true } },
                new KeyValue { Key = "amount", Value = new OtlpAnyValue { DoubleValue = 12.5 } },
                new KeyValue { Key = "raw", Value = new OtlpAnyValue { BytesValue = ByteString.CopyFrom(0, 1, 0xff) } },
            },
            DroppedAttributesCount = 3,
            Flags = 1,
            TraceId = ByteString.CopyFrom(TraceIdBytes),
            SpanId = ByteString.CopyFrom(SpanIdBytes),
            EventName = "payment.failed",
        };
        var resource = Resource("checkout", ("host.name", "node-7"));
        resource.DroppedAttributesCount = 2;
        var request = new ExportLogsServiceRequest
        {
            ResourceLogs =
            {
                new ResourceLogs
                {
                    Resource = resource,
                    SchemaUrl = "https://opentelemetry.io/schemas/1.26.0",
                    ScopeLogs =
                    {
                        new ScopeLogs
                        {
                            Scope = new InstrumentationScope { Name = "payments", Version = "2.1.0", Attributes = { Attr("scope.attr", "x") }, DroppedAttributesCount = 1 },
                            SchemaUrl = "https://example.com/scope-schema",
                            LogRecords = { record },
                        },
                    },
                },
            },
        };

        Decode(request);

        Assert.Equal(0, rejections.Rejected);
        Assert.Equal(1, batch.RecordCount);
        Assert.Equal(
            """
            time=1700000000000000000 observed=1700000000000000500
            severity=18 ERROR2
            body=string:payment failed: card declined
            attributes={order.id=int:4711, http.method=string:POST, retry=bool:true, amount=double:12.5, raw=bytes:0001ff} dropped=3
            flags=1 trace=5b8efff798038103d269b633813fc60c span=eee19b7ec3c1b174 event=payment.failed
            resource {service.name=string:checkout, host.name=string:node-7} dropped=2 schema=https://opentelemetry.io/schemas/1.26.0
            scope payments@2.1.0 {scope.attr=string:x} dropped=1 schema=https://example.com/scope-schema
            """.ReplaceLineEndings("\n"),
            OtlpBatchText.LogRecord(batch, 0));
    }

    [Fact]
    public void RequestBuiltByTheSharedHelperDecodesEveryRecord()
    {
        Decode(Logs(5));

        Assert.Equal(5, batch.RecordCount);
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal($"string:payment {i} failed: card declined", OtlpBatchText.Value(batch, batch.Body[i]));
            Assert.Equal((long)T0 + i, batch.TimeUnixNano[i]);
            Assert.Equal($"{{order.id=int:{i}, http.method=string:POST}}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[i]));
        }
    }

    [Fact]
    public void BodiesKeepTheirType()
    {
        OtlpAnyValue[] bodies =
        [
            new() { IntValue = -7 },
            new() { DoubleValue = 0.25 },
            new() { BoolValue = false },
            new() { BytesValue = ByteString.CopyFrom(0xde, 0xad) },
            new()
            {
                ArrayValue = new ArrayValue
                {
                    Values =
                    {
                        new OtlpAnyValue { StringValue = "a" }, new OtlpAnyValue { IntValue = 1 }, new OtlpAnyValue { BoolValue = true },
                        new OtlpAnyValue { DoubleValue = 1.5 }, new OtlpAnyValue { DoubleValue = double.NaN },
                        new OtlpAnyValue { BytesValue = ByteString.CopyFrom(0, 1) },
                        new OtlpAnyValue { KvlistValue = new KeyValueList { Values = { Attr("k", "v") } } }, new OtlpAnyValue(),
                    },
                },
            },
            new() { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "a", Value = new OtlpAnyValue { ArrayValue = new ArrayValue { Values = { new OtlpAnyValue { IntValue = 1 } } } } } } } },
        ];
        var scope = Scope("s");
        foreach (var body in bodies) scope.LogRecords.Add(new LogRecord { TimeUnixNano = T0, Body = body });
        scope.LogRecords.Add(new LogRecord { TimeUnixNano = T0 });

        Decode(Request(Resource("checkout"), scope));

        Assert.Equal(
            [
                "int:-7", "double:0.25", "bool:false", "bytes:dead",
                "array:[\"a\",1,true,1.5,\"NaN\",\"AAE=\",{\"k\":\"v\"},null]",
                "kvlist:{\"a\":[1]}",
                "empty",
            ],
            Enumerable.Range(0, batch.RecordCount).Select(i => OtlpBatchText.Value(batch, batch.Body[i])));
    }

    [Fact]
    public void RecordsPointAtTheirOwnResourceAndScope()
    {
        var request = Request(Resource("a"), Scope("s1", Record("1"), Record("2")), Scope("s2", Record("3")));
        request.ResourceLogs.Add(new ResourceLogs { Resource = Resource("b"), ScopeLogs = { Scope("s3", Record("4")) } });

        Decode(request);

        Assert.Equal([0, 0, 0, 1], batch.ResourceIndex.Span.ToArray());
        Assert.Equal([0, 0, 1, 2], batch.ScopeIndex.Span.ToArray());
        Assert.Equal("resource {service.name=string:b} dropped=0 schema=", OtlpBatchText.Resource(batch, 1));
        Assert.Equal("scope s2@ {} dropped=0 schema=", OtlpBatchText.Scope(batch, 1));
    }

    [Fact]
    public void FieldsInReverseOrderOnTheWireStillDecode()
    {
        var record = new LogRecord
        {
            TimeUnixNano = T0, ObservedTimeUnixNano = T0 + 1, SeverityNumber = SeverityNumber.Warn, SeverityText = "WARN",
            Body = new OtlpAnyValue { StringValue = "slow" }, Attributes = { Attr("db.system", "postgresql") },
            DroppedAttributesCount = 1, Flags = 1, TraceId = ByteString.CopyFrom(TraceIdBytes), SpanId = ByteString.CopyFrom(SpanIdBytes),
            EventName = "db.slow",
        };
        var resource = Resource("checkout");
        var scope = new InstrumentationScope { Name = "db", Version = "1" };
        Decode(new ExportLogsServiceRequest
        {
            ResourceLogs = { new ResourceLogs { Resource = resource, SchemaUrl = "r", ScopeLogs = { new ScopeLogs { Scope = scope, SchemaUrl = "s", LogRecords = { record } } } } },
        });
        var inOrder = OtlpBatchText.LogRecord(batch, 0);
        batch.Clear();

        var scopeLogs = ProtobufWire.Message(o =>
        {
            o.Text(3, "s");
            o.Field(2, ProtobufWire.Reversed(record));
            o.Field(1, scope);
        });
        var resourceLogs = ProtobufWire.Message(o =>
        {
            o.Field(2, scopeLogs);
            o.Text(3, "r");
            o.Field(1, resource);
        });
        Decode(ProtobufWire.Request(resourceLogs));

        Assert.Equal(1, batch.RecordCount);
        Assert.Equal(inOrder, OtlpBatchText.LogRecord(batch, 0));
        Assert.Contains("service.name=string:checkout", inOrder);
    }

    [Fact]
    public void UnknownFieldsAreSkipped()
    {
        var record = Record("kept");
        byte[] withExtras = [.. record.ToByteArray(), .. ProtobufWire.Message(o =>
        {
            o.Varint(100, 1);
            o.Text(101, "future");
            o.Fixed64(102, 7);
            o.WriteTag(103, WireFormat.WireType.Fixed32);
            o.WriteFixed32(9);
        })];

        Decode(RequestWithRecord(withExtras));

        Assert.Equal(1, batch.RecordCount);
        Assert.Equal("string:kept", OtlpBatchText.Value(batch, batch.Body[0]));
        Assert.Equal("{order.id=int:1, http.method=string:POST}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[0]));
    }

    [Theory]
    [InlineData("trace id of 15 bytes", "trace_id has 15 bytes, expected 16")]
    [InlineData("span id of 9 bytes", "span_id has 9 bytes, expected 8")]
    [InlineData("severity 25", "severity_number 25 is outside 0-24")]
    public void RejectedRecordIsDroppedWithItsAttributesAndTheOthersKept(string flaw, string reason)
    {
        var bad = Record("bad");
        switch (flaw)
        {
            case "trace id of 15 bytes": bad.TraceId = ByteString.CopyFrom(TraceIdBytes[..15]); break;
            case "span id of 9 bytes": bad.SpanId = ByteString.CopyFrom([.. SpanIdBytes, 1]); break;
            default: bad.SeverityNumber = (SeverityNumber)25; break;
        }

        Decode(Request(Resource("checkout"), Scope("s", Record("first"), bad, Record("last"))));

        Assert.Equal(2, batch.RecordCount);
        Assert.Equal(["string:first", "string:last"], new[] { 0, 1 }.Select(i => OtlpBatchText.Value(batch, batch.Body[i])));
        Assert.Equal(1 + 2 + 2, batch.Attributes.Count);
        Assert.Equal(new AttributeRange(batch.RecordAttributes[0].Start + 2, 2), batch.RecordAttributes[1]);
        Assert.Equal("{order.id=int:1, http.method=string:POST}", OtlpBatchText.Attributes(batch, batch.RecordAttributes[1]));
        Assert.Equal(1, rejections.Rejected);
        Assert.Equal($"log record rejected: {reason}", rejections.Message);
    }

    [Fact]
    public void SeverityTwentyFourIsTheHighestAccepted()
    {
        var record = Record("fatal");
        record.SeverityNumber = SeverityNumber.Fatal4;

        Decode(Request(Resource("checkout"), Scope("s", record)));

        Assert.Equal(24, batch.SeverityNumber[0]);
        Assert.Equal(0, rejections.Rejected);
    }

    [Fact]
    public void EveryRejectionIsCountedButOnlyTheFirstReasonIsKept()
    {
        var records = Enumerable.Range(0, 3).Select(i =>
        {
            var record = Record($"bad {i}");
            record.SeverityNumber = (SeverityNumber)(30 + i);
            return record;
        }).ToArray();

        Decode(Request(Resource("checkout"), Scope("s", records)));

        Assert.Equal(0, batch.RecordCount);
        Assert.Equal(1, batch.Attributes.Count);
        Assert.Equal(3, rejections.Rejected);
        Assert.Equal("log record rejected: severity_number 30 is outside 0-24 (and 2 more rejected)", rejections.Message);
    }

    [Fact]
    public void TruncatedRequestIsMalformedAtEveryLength()
    {
        var request = Logs(2).ToByteArray();

        for (var length = 1; length < request.Length; length++)
        {
            batch.Clear();
            var error = Assert.Throws<MalformedPayloadException>(() => Decode(request[..length]));
            Assert.StartsWith("malformed protobuf in ExportLogsServiceRequest", error.Message);
        }
    }

    [Fact]
    public void EmptyRequestDecodesToAnEmptyBatch()
    {
        Decode([]);

        Assert.Equal(0, batch.RecordCount);
        Assert.Equal(0, rejections.Rejected);
    }

    [Theory]
    [InlineData(1, "time_unix_nano has wire type 0, expected 1")]
    [InlineData(11, "observed_time_unix_nano has wire type 0, expected 1")]
    [InlineData(3, "severity_text has wire type 0, expected 2")]
    [InlineData(5, "body has wire type 0, expected 2")]
    [InlineData(6, "attributes has wire type 0, expected 2")]
    [InlineData(8, "flags has wire type 0, expected 5")]
    [InlineData(9, "trace_id has wire type 0, expected 2")]
    public void RecordFieldWithTheWrongWireTypeIsMalformed(int field, string problem)
    {
        var record = ProtobufWire.Message(o => o.Varint(field, 1));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithRecord(record)));

        Assert.StartsWith("malformed protobuf in LogRecord", error.Message);
        Assert.EndsWith(problem, error.Message);
    }

    [Fact]
    public void SeverityNumberWithTheWrongWireTypeIsMalformed()
    {
        var record = ProtobufWire.Message(o => o.Fixed64(2, 9));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithRecord(record)));

        Assert.Contains("LogRecord", error.Message);
        Assert.EndsWith("severity_number has wire type 1, expected 0", error.Message);
    }

    [Fact]
    public void EnvelopeFieldsWithTheWrongWireTypeAreMalformed()
    {
        var topLevel = Assert.Throws<MalformedPayloadException>(() => Decode(ProtobufWire.Message(o => o.Fixed64(1, 0))));
        var resource = Assert.Throws<MalformedPayloadException>(() => Decode(ProtobufWire.Request(ProtobufWire.Message(o => o.Varint(1, 0)))));
        var scope = Assert.Throws<MalformedPayloadException>(() => Decode(ProtobufWire.Request(ProtobufWire.Message(o => o.Field(2, ProtobufWire.Message(s => s.Varint(1, 0)))))));

        Assert.Contains("in ExportLogsServiceRequest", topLevel.Message);
        Assert.EndsWith("resource_logs has wire type 1, expected 2", topLevel.Message);
        Assert.Contains("in ResourceLogs", resource.Message);
        Assert.EndsWith("resource has wire type 0, expected 2", resource.Message);
        Assert.Contains("in ScopeLogs", scope.Message);
        Assert.EndsWith("scope has wire type 0, expected 2", scope.Message);
    }

    [Fact]
    public void GroupWireTypeAndFieldNumberZeroAreMalformed()
    {
        var group = ProtobufWire.Message(o => o.WriteTag(100, WireFormat.WireType.StartGroup));

        var groupError = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithRecord(group)));
        var zeroError = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithRecord([0x00, 0x01])));

        Assert.Contains("in LogRecord", groupError.Message);
        Assert.EndsWith("unsupported wire type 3", groupError.Message);
        Assert.Contains("in LogRecord", zeroError.Message);
        Assert.EndsWith("invalid field number 0", zeroError.Message);
    }

    [Fact]
    public void VarintLongerThanTenBytesIsMalformed()
    {
        byte[] record = [0x10, .. Enumerable.Repeat((byte)0xff, 11), 0x01];

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(RequestWithRecord(record)));

        Assert.EndsWith("varint longer than 10 bytes", error.Message);
    }

    [Fact]
    public void ThirtyTwoNestedArraysAreAccepted()
    {
        Decode(Request(Resource("checkout"), Scope("s", new LogRecord { TimeUnixNano = T0, Body = NestedArrays(32) })));

        Assert.Equal("array:" + new string('[', 32) + "\"leaf\"" + new string(']', 32), OtlpBatchText.Value(batch, batch.Body[0]));
    }

    [Theory]
    [InlineData(33)]
    [InlineData(200)]
    public void DeeperNestedAnyValueIsMalformed(int depth)
    {
        var request = Request(Resource("checkout"), Scope("s", new LogRecord { TimeUnixNano = T0, Body = NestedArrays(depth) }));

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(request));

        Assert.Contains("malformed protobuf in AnyValue", error.Message);
        Assert.Contains("nested deeper than 32 levels", error.Message);
    }

    [Fact]
    public void DeeplyNestedMapInAnAttributeIsMalformed()
    {
        var value = new OtlpAnyValue { StringValue = "leaf" };
        for (var i = 0; i < 40; i++) value = new OtlpAnyValue { KvlistValue = new KeyValueList { Values = { new KeyValue { Key = "k", Value = value } } } };
        var record = Record("deep");
        record.Attributes.Add(new KeyValue { Key = "deep", Value = value });

        var error = Assert.Throws<MalformedPayloadException>(() => Decode(Request(Resource("checkout"), Scope("s", record))));

        Assert.Contains("nested deeper than 32 levels", error.Message);
    }

    private static OtlpAnyValue NestedArrays(int depth)
    {
        var value = new OtlpAnyValue { StringValue = "leaf" };
        for (var i = 0; i < depth; i++) value = new OtlpAnyValue { ArrayValue = new ArrayValue { Values = { value } } };
        return value;
    }
}
