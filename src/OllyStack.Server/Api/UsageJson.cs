using System.Text.Json;
using OllyStack.ControlPlane.Metering;

namespace OllyStack.Server.Api;

/// <summary>The usage API's answer: the period, its totals, and one entry per hour (or UTC day) with every counter.</summary>
public static class UsageJson
{
    public static void Write(Utf8JsonWriter json, UsagePeriod period, bool daily)
    {
        json.WriteStartObject();
        json.WriteString("tenant", period.Tenant);
        json.WriteString("start", period.Start.UtcDateTime);
        json.WriteString("end", period.End.UtcDateTime);
        json.WriteString("step", daily ? "day" : "hour");
        json.WritePropertyName("totals");
        WriteCounters(json, period.Hours, null);
        json.WriteStartArray("series");
        var groups = period.Hours.GroupBy(h => daily ? new DateTimeOffset(h.Hour.UtcDateTime.Date, TimeSpan.Zero) : h.Hour);
        foreach (var group in groups) WriteCounters(json, group.ToList(), group.Key);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>Counters summed over <paramref name="hours"/>; stored bytes are the last measurement among them.</summary>
    private static void WriteCounters(Utf8JsonWriter json, IReadOnlyList<UsageHour> hours, DateTimeOffset? time)
    {
        json.WriteStartObject();
        if (time is { } at) json.WriteString("time", at.UtcDateTime);
        Pair(json, "received", hours.Sum(h => h.ReceivedEvents), hours.Sum(h => h.ReceivedBytes));
        Pair(json, "accepted", hours.Sum(h => h.AcceptedEvents), hours.Sum(h => h.AcceptedBytes));
        Pair(json, "sampled_out", hours.Sum(h => h.SampledOutEvents), hours.Sum(h => h.SampledOutBytes));
        Pair(json, "rejected_by_quota", hours.Sum(h => h.RejectedEvents), hours.Sum(h => h.RejectedBytes));
        json.WriteNumber("queries", hours.Sum(h => h.Queries));
        var measured = hours.LastOrDefault(h => h.StoredHotBytes + h.StoredWarmBytes + h.StoredColdBytes > 0);
        json.WriteStartObject("stored_bytes");
        json.WriteNumber("hot", measured?.StoredHotBytes ?? 0);
        json.WriteNumber("warm", measured?.StoredWarmBytes ?? 0);
        json.WriteNumber("cold", measured?.StoredColdBytes ?? 0);
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void Pair(Utf8JsonWriter json, string name, long events, long bytes)
    {
        json.WriteStartObject(name);
        json.WriteNumber("events", events);
        json.WriteNumber("bytes", bytes);
        json.WriteEndObject();
    }
}
