using OllyStack.Query.Api;

namespace OllyStack.Server.Api;

/// <summary>
/// A time query parameter read as the Prometheus API reads them (<see cref="ApiParameters.TimeMs"/>: RFC 3339 or Unix
/// seconds), as a <see cref="DateTimeOffset"/>; a time outside the years 1-9999 is bad data.
/// </summary>
public static class TimeParameter
{
    private static readonly long MinMs = DateTimeOffset.MinValue.ToUnixTimeMilliseconds();
    private static readonly long MaxMs = DateTimeOffset.MaxValue.ToUnixTimeMilliseconds();

    public static DateTimeOffset Read(ApiParameters parameters, string name, DateTimeOffset fallback)
    {
        var ms = parameters.TimeMs(name, fallback.ToUnixTimeMilliseconds());
        return ms >= MinMs && ms <= MaxMs
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : throw ApiException.BadData($"invalid parameter \"{name}\": {parameters.Get(name)} is outside the years 1 to 9999");
    }
}
