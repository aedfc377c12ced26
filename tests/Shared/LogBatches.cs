using OllyStack.Core.Batches;
using OllyStack.Core.Logs;

namespace OllyStack.Testing;

/// <summary>Builds log batches as the receivers would: one resource (attributes <c>name=value,...</c>) and its records.</summary>
internal static class LogBatches
{
    public static LogBatch Of(string tenant, string resource, params LogRecordSpec[] records)
    {
        var batch = new LogBatch { Tenant = tenant };
        var resourceIndex = batch.Resources.Add(new ResourceRef(Attributes(batch, resource), 0, Utf8Ref.Empty));
        var scope = batch.Scopes.Add(new ScopeRef(batch.Strings.Intern("test.scope"u8), Utf8Ref.Empty, AttributeRange.Empty, 0, Utf8Ref.Empty));
        foreach (var record in records)
        {
            var attributes = Attributes(batch, record.Attributes);
            batch.Add(new LogRecordFields
            {
                TimeUnixNano = record.TimeUnixNano,
                ObservedTimeUnixNano = record.TimeUnixNano + 1000,
                SeverityNumber = record.SeverityNumber,
                SeverityText = batch.Strings.Intern(record.SeverityText),
                Body = AnyValue.OfString(batch.Strings.Intern(record.Body)),
                Attributes = attributes,
                TraceId = record.TraceId,
                SpanId = record.SpanId,
                Resource = resourceIndex,
                Scope = scope,
            });
        }
        return batch;
    }

    private static AttributeRange Attributes(LogBatch batch, string pairs)
    {
        var start = batch.Attributes.Count;
        foreach (var pair in pairs.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = pair.Split('=', 2);
            batch.AddAttribute(System.Text.Encoding.UTF8.GetBytes(parts[0]), AnyValue.OfString(batch.Strings.Intern(parts[1])));
        }
        return batch.RangeFrom(start);
    }
}

/// <summary>One record for <see cref="LogBatches"/>.</summary>
internal sealed record LogRecordSpec(long TimeUnixNano, string Body, byte SeverityNumber = 9, string SeverityText = "Information", string Attributes = "")
{
    public TraceId TraceId { get; init; }

    public SpanId SpanId { get; init; }
}
