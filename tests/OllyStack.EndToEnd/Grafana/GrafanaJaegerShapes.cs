using System.Globalization;
using System.Net;
using System.Text.Json;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>A Jaeger tag with its value as text (JSON numbers and booleans as written).</summary>
internal sealed record JaegerTag(string Key, string Type, string Value);

/// <summary>A span event as Jaeger shows it: a timestamp in microseconds and fields.</summary>
internal sealed record JaegerLog(long TimestampMicros, IReadOnlyList<JaegerTag> Fields);

/// <summary>A span as Grafana's trace view reads it; the parent is the span of its <c>CHILD_OF</c> reference.</summary>
internal sealed record JaegerSpan(string SpanId, string? ParentSpanId, string OperationName, string Service, long StartMicros, long DurationMicros,
    IReadOnlyList<JaegerTag> Tags, IReadOnlyList<JaegerLog> Logs, IReadOnlyList<JaegerTag> ProcessTags);

/// <summary>A trace: its id and its spans.</summary>
internal sealed record JaegerTrace(string TraceId, IReadOnlyList<JaegerSpan> Spans)
{
    /// <summary>The span without a parent, whose service and operation name the trace in Grafana's search results.</summary>
    public JaegerSpan Root => Assert.Single(Spans, s => s.ParentSpanId is null);
}

/// <summary>
/// Asserts a Jaeger reply has the shape Grafana's Jaeger data source reads, and returns what it would read. Grafana
/// takes <c>data</c> from the envelope <c>{data, total, limit, offset, errors}</c> (its Go backend decodes
/// <c>total</c>, <c>limit</c> and <c>offset</c> into integers, <c>errors</c> into a list of <c>{code, msg}</c>);
/// a span needs <c>traceID</c>, <c>spanID</c>, <c>operationName</c>, <c>references</c>, <c>startTime</c> and
/// <c>duration</c> as whole microseconds, <c>tags</c>, <c>logs</c> (whole microsecond <c>timestamp</c> and
/// <c>fields</c>), and a <c>processID</c> that names one of the trace's <c>processes</c> (<c>serviceName</c>, <c>tags</c>).
/// </summary>
internal static class GrafanaJaegerShapes
{
    private static readonly Dictionary<string, JsonValueKind[]> TagValueKinds = new()
    {
        ["string"] = [JsonValueKind.String],
        ["bool"] = [JsonValueKind.True, JsonValueKind.False],
        ["int64"] = [JsonValueKind.Number],
        ["float64"] = [JsonValueKind.Number],
        ["binary"] = [JsonValueKind.String],
    };

    /// <summary>A successful reply's <c>data</c>.</summary>
    public static JsonElement Data(JaegerReply reply)
    {
        Assert.True(reply.StatusCode == HttpStatusCode.OK, $"expected 200, got {(int)reply.StatusCode}: {reply.Body}");
        Assert.Equal("application/json", reply.ContentType);
        foreach (var count in new[] { "total", "limit", "offset" }) Assert.True(reply.Body.GetProperty(count).TryGetInt32(out _), $"{count}: {reply.Body}");
        Assert.Equal(JsonValueKind.Null, reply.Body.GetProperty("errors").ValueKind);
        return reply.Body.GetProperty("data");
    }

    /// <summary>Service or operation names: strings, each once.</summary>
    public static List<string> Names(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        var names = data.EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(names.Distinct(), names);
        return names;
    }

    public static List<JaegerTrace> Traces(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        return data.EnumerateArray().Select(Trace).ToList();
    }

    /// <summary>The service dependencies: parent and child service and the calls between them.</summary>
    public static List<(string Parent, string Child, long CallCount)> Dependencies(JsonElement data)
    {
        Assert.Equal(JsonValueKind.Array, data.ValueKind);
        return data.EnumerateArray()
            .Select(d => (d.GetProperty("parent").GetString()!, d.GetProperty("child").GetString()!, Whole(d.GetProperty("callCount"))))
            .ToList();
    }

    /// <summary>An error as Grafana shows it: <c>data</c> null and the first of <c>errors</c>.</summary>
    public static string Error(JaegerReply reply, HttpStatusCode expected)
    {
        Assert.Equal(expected, reply.StatusCode);
        Assert.Equal(JsonValueKind.Null, reply.Body.GetProperty("data").ValueKind);
        var error = reply.Body.GetProperty("errors")[0];
        Assert.Equal((int)expected, error.GetProperty("code").GetInt32());
        return error.GetProperty("msg").GetString()!;
    }

    private static JaegerTrace Trace(JsonElement trace)
    {
        var traceId = trace.GetProperty("traceID").GetString()!;
        var processes = trace.GetProperty("processes").EnumerateObject()
            .ToDictionary(p => p.Name, p => (Service: p.Value.GetProperty("serviceName").GetString()!, Tags: Tags(p.Value.GetProperty("tags"))));
        var spans = trace.GetProperty("spans").EnumerateArray().Select(span =>
        {
            Assert.Equal(traceId, span.GetProperty("traceID").GetString());
            var parents = span.GetProperty("references").EnumerateArray().Where(r => r.GetProperty("refType").GetString() == "CHILD_OF").ToList();
            Assert.All(parents, r => Assert.Equal(traceId, r.GetProperty("traceID").GetString()));
            var process = processes[span.GetProperty("processID").GetString()!];
            var logs = span.GetProperty("logs").EnumerateArray().Select(l => new JaegerLog(Whole(l.GetProperty("timestamp")), Tags(l.GetProperty("fields")))).ToList();
            return new JaegerSpan(span.GetProperty("spanID").GetString()!, parents.Select(r => r.GetProperty("spanID").GetString()).FirstOrDefault(),
                span.GetProperty("operationName").GetString()!, process.Service, Whole(span.GetProperty("startTime")), Whole(span.GetProperty("duration")),
                Tags(span.GetProperty("tags")), logs, process.Tags);
        }).ToList();
        var ids = spans.Select(s => s.SpanId).ToHashSet();
        Assert.All(spans, s => Assert.True(s.ParentSpanId is null || ids.Contains(s.ParentSpanId), $"span {s.SpanId}'s parent {s.ParentSpanId} is not in the trace"));
        return new JaegerTrace(traceId, spans);
    }

    private static List<JaegerTag> Tags(JsonElement tags) => tags.EnumerateArray().Select(tag =>
    {
        var type = tag.GetProperty("type").GetString()!;
        var value = tag.GetProperty("value");
        Assert.Contains(value.ValueKind, TagValueKinds[type]);
        if (type == "int64") Whole(value);
        return new JaegerTag(tag.GetProperty("key").GetString()!, type, value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText());
    }).ToList();

    /// <summary>A JSON integer, as Go decodes into <c>int64</c> (no fraction, no exponent).</summary>
    private static long Whole(JsonElement number)
    {
        Assert.Equal(JsonValueKind.Number, number.ValueKind);
        Assert.True(long.TryParse(number.GetRawText(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value), $"not a whole number: {number}");
        return value;
    }
}
