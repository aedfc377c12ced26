using System.Text;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Metrics;
using OllyStack.Core.Traces;

namespace OllyStack.Core.Tests.Batches;

/// <summary>Batches with something in every column, as a decoder would fill them.</summary>
internal static class SampleBatches
{
    public static MetricBatch Metrics(string tenant = "acme")
    {
        var batch = new MetricBatch { Tenant = tenant };
        string[][] series =
        [
            ["__name__", "http_requests_total", "job", "checkout", "method", "GET"],
            ["__name__", "http_requests_total", "job", "checkout", "method", "POST"],
            ["__name__", "queue_depth", "job", "worker", "instance", "pod-7"],
        ];
        foreach (var labels in series)
        {
            var first = batch.Labels.Count;
            for (var i = 0; i < labels.Length; i += 2) batch.AddLabel(Encoding.UTF8.GetBytes(labels[i]), Encoding.UTF8.GetBytes(labels[i + 1]));
            var type = labels[1].EndsWith("_total", StringComparison.Ordinal) ? MetricType.Counter : MetricType.Gauge;
            batch.EndSeries(first, type, type == MetricType.Counter ? SeriesFlags.Delta : SeriesFlags.None);
        }
        batch.AddSample(0, 1_700_000_000_000, 12);
        batch.AddSample(1, 1_700_000_000_000, 3.25);
        batch.AddSample(2, 1_700_000_015_000, BitConverter.UInt64BitsToDouble(0x7ff0000000000002));
        batch.AddSample(0, 1_700_000_015_000, double.PositiveInfinity);
        batch.Metadata.Add(new MetricMetadataRef(batch.Strings.Intern("http_requests_total"u8), MetricType.Counter,
            batch.Strings.Intern("1"u8), batch.Strings.Add("Requests served, by method."u8)));
        return batch;
    }

    public static LogBatch Logs(string tenant = "acme")
    {
        var batch = new LogBatch { Tenant = tenant };
        var strings = batch.Strings;
        var resourceStart = batch.Attributes.Count;
        batch.AddAttribute("service.name"u8, AnyValue.OfString(strings.Intern("checkout"u8)));
        batch.AddAttribute("host.cpus"u8, AnyValue.OfInt(8));
        var resource = batch.Resources.Add(new ResourceRef(batch.RangeFrom(resourceStart), 1, strings.Intern("https://opentelemetry.io/schemas/1.26.0"u8)));
        var scopeStart = batch.Attributes.Count;
        batch.AddAttribute("scope.kind"u8, AnyValue.OfBool(true));
        var scope = batch.Scopes.Add(new ScopeRef(strings.Intern("payments"u8), strings.Intern("2.1.0"u8), batch.RangeFrom(scopeStart), 0, Utf8Ref.Empty));

        for (var i = 0; i < 3; i++)
        {
            var attributeStart = batch.Attributes.Count;
            batch.AddAttribute("order.id"u8, AnyValue.OfInt(1000 + i));
            batch.AddAttribute("amount"u8, AnyValue.OfDouble(9.99 * (i + 1)));
            batch.AddAttribute("raw"u8, new AnyValue(AnyValueKind.Bytes, 0, strings.Add([0, 1, 2, (byte)i])));
            batch.Add(new LogRecordFields
            {
                TimeUnixNano = 1_700_000_000_000_000_000 + i,
                ObservedTimeUnixNano = 1_700_000_000_000_000_500 + i,
                SeverityNumber = (byte)(17 + i),
                SeverityText = strings.Intern("ERROR"u8),
                Body = i == 2
                    ? new AnyValue(AnyValueKind.KeyValueList, 0, strings.Add("{\"a\":[1,2]}"u8))
                    : AnyValue.OfString(strings.Add(Encoding.UTF8.GetBytes($"payment {i} declined"))),
                Attributes = batch.RangeFrom(attributeStart),
                DroppedAttributesCount = (uint)i,
                Flags = 1,
                TraceId = new TraceId(0x5b8efff798038103, 0xd269b633813fc60c + (ulong)i),
                SpanId = i == 1 ? SpanId.Empty : new SpanId(0xeee19b7ec3c1b174),
                EventName = i == 0 ? strings.Intern("payment.declined"u8) : Utf8Ref.Empty,
                Resource = resource,
                Scope = scope,
            });
        }
        return batch;
    }

    public static SpanBatch Spans(string tenant = "acme")
    {
        var batch = new SpanBatch { Tenant = tenant };
        var strings = batch.Strings;
        var resourceStart = batch.Attributes.Count;
        batch.AddAttribute("service.name"u8, AnyValue.OfString(strings.Intern("cart"u8)));
        var resource = batch.Resources.Add(new ResourceRef(batch.RangeFrom(resourceStart), 0, Utf8Ref.Empty));
        var scope = batch.Scopes.Add(new ScopeRef(strings.Intern("aspnetcore"u8), Utf8Ref.Empty, AttributeRange.Empty, 2, Utf8Ref.Empty));
        var traceId = new TraceId(0x5b8efff798038103, 0xd269b633813fc60c);

        for (var i = 0; i < 2; i++)
        {
            var attributeStart = batch.Attributes.Count;
            batch.AddAttribute("http.route"u8, AnyValue.OfString(strings.Intern("/cart"u8)));
            batch.AddAttribute("http.status_code"u8, AnyValue.OfInt(500));
            var attributes = batch.RangeFrom(attributeStart);

            var eventStart = batch.Events.Count;
            var eventAttributes = batch.Attributes.Count;
            batch.AddAttribute("exception.type"u8, AnyValue.OfString(strings.Intern("Timeout"u8)));
            batch.Events.Add(new SpanEventRef(1_700_000_000_100_000_000 + i, strings.Intern("exception"u8), batch.RangeFrom(eventAttributes), 0));
            batch.Events.Add(new SpanEventRef(1_700_000_000_200_000_000 + i, strings.Intern("retry"u8), AttributeRange.Empty, 3));

            var linkStart = batch.Links.Count;
            var linkAttributes = batch.Attributes.Count;
            batch.AddAttribute("link.kind"u8, AnyValue.OfString(strings.Intern("follows"u8)));
            batch.Links.Add(new SpanLinkRef(new TraceId(1, 2), new SpanId(3), strings.Intern("k=v"u8), batch.RangeFrom(linkAttributes), 1, 0x100));

            batch.Add(new SpanFields
            {
                TraceId = traceId,
                SpanId = new SpanId(0xeee19b7ec3c1b170 + (ulong)i),
                ParentSpanId = i == 0 ? SpanId.Empty : new SpanId(0xeee19b7ec3c1b170),
                TraceState = strings.Intern("vendor=1"u8),
                Flags = 0x301,
                Name = strings.Intern("GET /cart"u8),
                Kind = (byte)(2 + i),
                StartTimeUnixNano = 1_700_000_000_000_000_000 + i,
                EndTimeUnixNano = 1_700_000_000_250_000_000 + i,
                Attributes = attributes,
                DroppedAttributesCount = 4,
                Events = new ItemRange(eventStart, 2),
                DroppedEventsCount = 5,
                Links = new ItemRange(linkStart, 1),
                DroppedLinksCount = 6,
                StatusCode = 2,
                StatusMessage = strings.Intern("upstream timeout"u8),
                Resource = resource,
                Scope = scope,
            });
        }
        return batch;
    }
}
