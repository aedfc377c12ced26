using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace OllyStack.Server.Api;

/// <summary>A time query parameter as the Prometheus API takes them: RFC 3339 or Unix seconds (with a fraction).</summary>
public static class TimeParameter
{
    /// <summary>The parameter's time, <paramref name="fallback"/> if absent; throws <see cref="FormatException"/> naming it if unreadable.</summary>
    public static DateTimeOffset Read(HttpContext context, string name, DateTimeOffset fallback)
    {
        var text = context.Request.Query[name].ToString();
        if (text.Length == 0) return fallback;
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && double.IsFinite(seconds) && Math.Abs(seconds) < 1e11)
            return DateTimeOffset.FromUnixTimeMilliseconds((long)Math.Round(seconds * 1000));
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)) return time;
        throw new FormatException($"{name} '{text}' is neither an RFC 3339 time nor Unix seconds");
    }
}
