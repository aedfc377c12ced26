using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace OllyStack.Query.Api;

/// <summary>
/// The parameters of a Prometheus API call, from the URL query (GET) or a form body (POST), parsed the way
/// Prometheus parses them: times as Unix seconds with decimals or RFC 3339, durations as seconds or PromQL durations.
/// </summary>
public sealed class ApiParameters
{
    /// <summary>The bounds used when a call gives no start or end: all time.</summary>
    public const long MinTimeMs = long.MinValue / 2;

    public const long MaxTimeMs = long.MaxValue / 2;

    private readonly Dictionary<string, StringValues> _values;

    private ApiParameters(Dictionary<string, StringValues> values) => _values = values;

    public static async Task<ApiParameters> ReadAsync(HttpRequest request)
    {
        var values = request.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        if (HttpMethods.IsPost(request.Method) && request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            foreach (var (key, value) in form)
                values[key] = values.TryGetValue(key, out var existing) ? StringValues.Concat(existing, value) : value;
        }
        return new ApiParameters(values);
    }

    public string? Get(string name) => _values.TryGetValue(name, out var value) && value.Count > 0 ? value[^1] : null;

    public IReadOnlyList<string> All(string name) => _values.TryGetValue(name, out var value) ? value.OfType<string>().ToList() : [];

    /// <summary>A duration parameter (<c>15s</c>, <c>1m30s</c>, or seconds like <c>15</c> / <c>0.5</c>) in milliseconds, or null when absent.</summary>
    public long? DurationMs(string name)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text)) return null;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            return (long)Math.Round(seconds * 1000);
        if (PromQL.DurationFormat.TryParse(text, out var duration, out _)) return (long)duration.TotalMilliseconds;
        throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid duration");
    }

    /// <summary>A time parameter in Unix milliseconds, or <paramref name="fallback"/> when absent.</summary>
    public long TimeMs(string name, long fallback)
    {
        var text = Get(name);
        if (string.IsNullOrEmpty(text)) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds))
            return (long)Math.Round(seconds * 1000);
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
            return time.ToUnixTimeMilliseconds();
        throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"{text}\" to a valid timestamp");
    }
}
