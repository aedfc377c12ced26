using OllyStack.Core.Batches;
using OllyStack.Core.Traces;

namespace OllyStack.Testing;

/// <summary>
/// Builds span batches as the receivers would: one resource (attributes <c>name=value,...</c>), one scope and its
/// spans. Attribute values that parse as integers are sent as ints, <c>true</c>/<c>false</c> as booleans.
/// </summary>
internal static class SpanBatches
{
    public static SpanBatch Of(string tenant, string resource, params SpanSpec[] spans)
    {
        var batch = new SpanBatch { Tenant = tenant };
        var resourceIndex = batch.Resources.Add(new ResourceRef(Attributes(batch, resource), 0, Utf8Ref.Empty));
        var scope = batch.Scopes.Add(new ScopeRef(batch.Strings.Intern("test.scope"u8), batch.Strings.Intern("1.2.3"u8), AttributeRange.Empty, 0, Utf8Ref.Empty));
        foreach (var span in spans)
        {
            var attributes = Attributes(batch, span.Attributes);
            var eventStart = batch.Events.Count;
            foreach (var (offset, name, eventAttributes) in span.Events)
                batch.Events.Add(new SpanEventRef(span.StartUnixNano + offset, batch.Strings.Intern(name), Attributes(batch, eventAttributes), 0));
            var linkStart = batch.Links.Count;
            foreach (var (traceId, spanId, linkAttributes) in span.Links)
                batch.Links.Add(new SpanLinkRef(traceId, spanId, Utf8Ref.Empty, Attributes(batch, linkAttributes), 0, 0));
            batch.Add(new SpanFields
            {
                TraceId = span.TraceId,
                SpanId = span.SpanId,
                ParentSpanId = span.ParentSpanId,
                Flags = 1,
                Name = batch.Strings.Intern(span.Name),
                Kind = span.Kind,
                StartTimeUnixNano = span.StartUnixNano,
                EndTimeUnixNano = span.StartUnixNano + span.DurationNano,
                Attributes = attributes,
                Events = new ItemRange(eventStart, span.Events.Length),
                Links = new ItemRange(linkStart, span.Links.Length),
                StatusCode = span.StatusCode,
                StatusMessage = batch.Strings.Intern(span.StatusMessage),
                Resource = resourceIndex,
                Scope = scope,
            });
        }
        return batch;
    }

    private static AttributeRange Attributes(SpanBatch batch, string pairs)
    {
        var start = batch.Attributes.Count;
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            var value = long.TryParse(parts[1], out var number) ? AnyValue.OfInt(number)
                : bool.TryParse(parts[1], out var flag) ? AnyValue.OfBool(flag)
                : AnyValue.OfString(batch.Strings.Intern(parts[1]));
            batch.AddAttribute(System.Text.Encoding.UTF8.GetBytes(parts[0]), value);
        }
        return batch.RangeFrom(start);
    }
}

/// <summary>One span for <see cref="SpanBatches"/>.</summary>
internal sealed record SpanSpec(TraceId TraceId, SpanId SpanId, string Name, long StartUnixNano, long DurationNano, string Attributes = "")
{
    public SpanId ParentSpanId { get; init; }

    public byte Kind { get; init; } = 2;

    public byte StatusCode { get; init; }

    public string StatusMessage { get; init; } = "";

    public (long Offset, string Name, string Attributes)[] Events { get; init; } = [];

    public (TraceId TraceId, SpanId SpanId, string Attributes)[] Links { get; init; } = [];
}
