using System.Globalization;
using OllyStack.Query.LogQL;

namespace OllyStack.Query.Api.Loki;

/// <summary>
/// The parameters of a Loki API call (URL query or form body), parsed the way Loki parses them: times as Unix
/// nanoseconds (up to 10 digits: seconds), seconds with decimals, or RFC 3339; steps as durations or seconds.
/// </summary>
public sealed class LokiParameters(ApiParameters parameters, long nowUnixNano)
{
    public const int DefaultLimit = 100;

    /// <summary>Loki's <c>max_entries_limit_per_query</c> default: a larger <c>limit</c> is refused.</summary>
    public const int MaxLimit = 5000;

    private const long NanosPerSecond = 1_000_000_000;

    /// <summary>A query with no start looks back this far from its end (Loki's default for queries).</summary>
    private static readonly TimeSpan DefaultSince = TimeSpan.FromHours(1);

    public long NowUnixNano { get; } = nowUnixNano;

    public static async Task<LokiParameters> ReadAsync(Microsoft.AspNetCore.Http.HttpRequest request, TimeProvider clock) =>
        new(await ApiParameters.ReadAsync(request), clock.GetUtcNow().ToUnixTimeMilliseconds() * 1_000_000);

    public string? Get(string name) => parameters.Get(name);

    public IReadOnlyList<string> All(string name) => parameters.All(name);

    public string Query => Get("query") is { Length: > 0 } query ? query : throw ApiException.BadData("query parameter is missing or empty");

    /// <summary>The time parameter, or <paramref name="fallback"/> when absent.</summary>
    public long TimeUnixNano(string name, long fallback)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (text.Contains('.', StringComparison.Ordinal) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            return (long)Math.Round(seconds * NanosPerSecond);
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return text.TrimStart('-').Length <= 10 ? integer * NanosPerSecond : integer;
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return (time - DateTimeOffset.UnixEpoch).Ticks * 100;
        throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" as a timestamp (Unix nanoseconds or seconds, or RFC 3339)");
    }

    /// <summary>[start, end]: end defaults to now, start to <c>since</c> (default 1 h) before end.</summary>
    public (long Start, long End) Range() => Range(DefaultSince);

    public (long Start, long End) Range(TimeSpan defaultSince)
    {
        var end = TimeUnixNano("end", NowUnixNano);
        var since = Duration("since") ?? defaultSince;
        var start = TimeUnixNano("start", end - since.Ticks * 100);
        if (end < start) throw ApiException.BadData("end timestamp must not be before start time");
        return (start, end);
    }

    /// <summary>The step of a range query: the parameter, else as Loki picks it, about 250 points over the range and at least 1 s.</summary>
    public long StepUnixNano(long start, long end)
    {
        if (Duration("step") is { } step)
            return step > TimeSpan.Zero ? step.Ticks * 100 : throw ApiException.BadData("zero or negative query resolution step widths are not accepted. Try a positive integer");
        return Math.Max(1, (end - start) / NanosPerSecond / 250) * NanosPerSecond;
    }

    public int Limit()
    {
        var text = Get("limit");
        if (string.IsNullOrEmpty(text)) return DefaultLimit;
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var limit) || limit <= 0)
            throw ApiException.BadData($"invalid parameter \"limit\": \"{text}\" is not a positive integer");
        if (limit > MaxLimit) throw ApiException.BadData($"max entries limit per query exceeded, limit > max_entries_limit ({limit} > {MaxLimit})");
        return limit;
    }

    public LogDirection Direction() => Get("direction")?.ToLowerInvariant() switch
    {
        null or "" or "backward" => LogDirection.Backward,
        "forward" => LogDirection.Forward,
        var other => throw ApiException.BadData($"invalid parameter \"direction\": \"{other}\" is neither forward nor backward"),
    };

    /// <summary>A duration parameter (<c>5m</c>, <c>1h30m</c>, or seconds like <c>15</c> / <c>0.5</c>), or null when absent.</summary>
    public TimeSpan? Duration(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            return TimeSpan.FromSeconds(seconds);
        if (PromQL.DurationFormat.TryParse(text, out var duration, out _)) return duration;
        throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" as a duration");
    }
}
