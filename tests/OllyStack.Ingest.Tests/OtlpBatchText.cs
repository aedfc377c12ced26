using System.Globalization;
using OllyStack.Core.Batches;
using OllyStack.Core.Logs;
using OllyStack.Core.Traces;

namespace OllyStack.Ingest.Tests;

/// <summary>Decoded log records and spans spelled out as text, so a test can compare everything at once.</summary>
internal static class OtlpBatchText
{
    public static string Value(OtlpBatch batch, AnyValue value) => value.Kind switch
    {
        AnyValueKind.Empty => "empty",
        AnyValueKind.String => "string:" + batch.GetString(value.Text),
        AnyValueKind.Bool => "bool:" + (value.Scalar != 0 ? "true" : "false"),
        AnyValueKind.Int => "int:" + value.Scalar.ToString(CultureInfo.InvariantCulture),
        AnyValueKind.Double => "double:" + value.AsDouble.ToString("R", CultureInfo.InvariantCulture),
        AnyValueKind.Bytes => "bytes:" + Convert.ToHexStringLower(batch.Strings[value.Text]),
        AnyValueKind.Array => "array:" + batch.GetString(value.Text),
        AnyValueKind.KeyValueList => "kvlist:" + batch.GetString(value.Text),
        _ => throw new ArgumentOutOfRangeException(nameof(value)),
    };

    public static string Attributes(OtlpBatch batch, AttributeRange range) =>
        "{" + string.Join(", ", batch.AttributesOf(range).ToArray().Select(a => $"{batch.GetString(a.Key)}={Value(batch, a.Value)}")) + "}";

    public static string Resource(OtlpBatch batch, int index)
    {
        var r = batch.Resources[index];
        return $"resource {Attributes(batch, r.Attributes)} dropped={r.DroppedAttributesCount} schema={batch.GetString(r.SchemaUrl)}";
    }

    public static string Scope(OtlpBatch batch, int index)
    {
        var s = batch.Scopes[index];
        return $"scope {batch.GetString(s.Name)}@{batch.GetString(s.Version)} {Attributes(batch, s.Attributes)} dropped={s.DroppedAttributesCount} schema={batch.GetString(s.SchemaUrl)}";
    }

    public static string LogRecord(LogBatch batch, int i) => string.Join("\n",
        $"time={batch.TimeUnixNano[i]} observed={batch.ObservedTimeUnixNano[i]}",
        $"severity={batch.SeverityNumber[i]} {batch.GetString(batch.SeverityText[i])}",
        $"body={Value(batch, batch.Body[i])}",
        $"attributes={Attributes(batch, batch.RecordAttributes[i])} dropped={batch.DroppedAttributesCount[i]}",
        $"flags={batch.Flags[i]} trace={batch.TraceIds[i]} span={batch.SpanIds[i]} event={batch.GetString(batch.EventName[i])}",
        Resource(batch, batch.ResourceIndex[i]),
        Scope(batch, batch.ScopeIndex[i]));

    public static string Span(SpanBatch batch, int i)
    {
        var lines = new List<string>
        {
            $"trace={batch.TraceIds[i]} span={batch.SpanIds[i]} parent={batch.ParentSpanIds[i]} state={batch.GetString(batch.TraceState[i])} flags={batch.Flags[i]}",
            $"name={batch.GetString(batch.Name[i])} kind={batch.Kind[i]} start={batch.StartTimeUnixNano[i]} end={batch.EndTimeUnixNano[i]}",
            $"attributes={Attributes(batch, batch.SpanAttributes[i])} dropped={batch.DroppedAttributesCount[i]}",
            $"status={batch.StatusCode[i]} {batch.GetString(batch.StatusMessage[i])}",
            $"dropped events={batch.DroppedEventsCount[i]} links={batch.DroppedLinksCount[i]}",
        };
        var events = batch.EventRange[i];
        for (var e = events.Start; e < events.Start + events.Count; e++)
        {
            var ev = batch.Events[e];
            lines.Add($"event {batch.GetString(ev.Name)} at {ev.TimeUnixNano} {Attributes(batch, ev.Attributes)} dropped={ev.DroppedAttributesCount}");
        }
        var links = batch.LinkRange[i];
        for (var l = links.Start; l < links.Start + links.Count; l++)
        {
            var link = batch.Links[l];
            lines.Add($"link {link.TraceId}/{link.SpanId} state={batch.GetString(link.TraceState)} {Attributes(batch, link.Attributes)} dropped={link.DroppedAttributesCount} flags={link.Flags}");
        }
        lines.Add(Resource(batch, batch.ResourceIndex[i]));
        lines.Add(Scope(batch, batch.ScopeIndex[i]));
        return string.Join("\n", lines);
    }
}
