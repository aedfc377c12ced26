using System.Globalization;
using System.Text.Json;
using OllyStack.Query.Api;
using OllyStack.Storage.Traces;

namespace OllyStack.Query.Traces;

/// <summary>
/// A Jaeger trace search (<c>GET /api/traces</c>): the service (required), operation, tags, duration bounds, time range
/// and limit. A trace matches when one of its spans in the range matches all of them, as in Jaeger; tags are compared
/// as text against the span's tags, its process' tags and its logs' fields.
/// </summary>
public sealed record TraceSearch(SpanScan Scan, IReadOnlyList<KeyValuePair<string, string>> Tags, long? MinDurationNano, long? MaxDurationNano, int Limit)
{
    public const int DefaultLimit = 100;
    private const long NanosPerMicro = 1_000;
    private static readonly TimeSpan DefaultLookback = TimeSpan.FromHours(1);

    /// <exception cref="ApiException">400 naming the parameter that is missing or does not parse.</exception>
    public static TraceSearch Parse(ApiParameters parameters, DateTimeOffset now)
    {
        var service = parameters.Get("service");
        if (string.IsNullOrEmpty(service)) throw ApiException.BadData("parameter 'service' is required");
        var operation = parameters.Get("operation") is { Length: > 0 } named ? named : null;
        var endNano = Micros(parameters, "end") is { } end ? end * NanosPerMicro : now.ToUnixTimeMilliseconds() * 1_000_000;
        var startNano = Micros(parameters, "start") is { } start ? start * NanosPerMicro : endNano - Lookback(parameters).Ticks * 100;
        if (startNano > endNano) throw ApiException.BadData("invalid parameter \"start\": the start of the range is after its end");
        var min = Duration(parameters, "minDuration");
        var max = Duration(parameters, "maxDuration");
        if (min > max) throw ApiException.BadData("invalid parameters \"minDuration\" and \"maxDuration\": the minimum is greater than the maximum");
        var limit = parameters.Get("limit") is { Length: > 0 } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw ApiException.BadData($"invalid parameter \"limit\": \"{text}\" is not a non-negative integer")
            : 0;
        // The end is inclusive in Jaeger; the scan's end is exclusive.
        return new TraceSearch(new SpanScan(startNano, endNano + 1, service, operation), TagFilter.Parse(parameters), min, max, limit > 0 ? limit : DefaultLimit);
    }

    public bool Matches(SpanRow span)
    {
        if (!Scan.Matches(span)) return false;
        if (MinDurationNano is { } min && span.DurationNano < min) return false;
        if (MaxDurationNano is { } max && span.DurationNano > max) return false;
        if (Tags.Count == 0) return true;
        var tags = JaegerTags.Of(span).Concat(span.ResourceAttributes).Concat(span.Events.SelectMany(JaegerTraceJson.LogFields)).ToList();
        return Tags.All(wanted => tags.Any(tag => tag.Key == wanted.Key && tag.Value == wanted.Value));
    }

    private static long? Micros(ApiParameters parameters, string name)
    {
        var text = parameters.Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        return long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var micros) && Math.Abs(micros) < long.MaxValue / NanosPerMicro
            ? micros
            : throw ApiException.BadData($"invalid parameter \"{name}\": \"{text}\" is not a time in Unix microseconds");
    }

    /// <summary>The UI's lookback (<c>1h</c>, <c>2d</c>, or <c>custom</c> when it sends start and end), else an hour.</summary>
    private static TimeSpan Lookback(ApiParameters parameters)
    {
        var text = parameters.Get("lookback");
        if (string.IsNullOrEmpty(text) || text == "custom") return DefaultLookback;
        if (text.Length > 1 && text[^1] == 'd' && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var days)) return TimeSpan.FromDays(days);
        if (GoDuration.TryParse(text, out var nanos)) return TimeSpan.FromTicks(nanos / 100);
        throw ApiException.BadData($"invalid parameter \"lookback\": \"{text}\" is not a duration like 1h or 2d");
    }

    private static long? Duration(ApiParameters parameters, string name)
    {
        var text = parameters.Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        return GoDuration.TryParse(text, out var nanos) ? nanos : throw ApiException.BadData($"invalid parameter \"{name}\": \"{text}\" is not a duration like 1.2s, 100ms or 500us");
    }
}
