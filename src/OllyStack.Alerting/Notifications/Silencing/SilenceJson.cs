using System.Globalization;
using System.Text.Json;
using OllyStack.Alerting.Notifications.Matching;

namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>
/// Silences in Alertmanager's v2 JSON shapes, used by the API and by the silences file alike: matchers as
/// <c>{"name","value","isRegex","isEqual"}</c>, times in RFC 3339.
/// </summary>
public static class SilenceJson
{
    public static void Write(Utf8JsonWriter json, Silence silence, DateTimeOffset? now)
    {
        json.WriteStartObject();
        json.WriteString("id", silence.Id);
        if (now is { } time)
        {
            json.WriteStartObject("status");
            json.WriteString("state", silence.StateAt(time).ToString().ToLowerInvariant());
            json.WriteEndObject();
        }
        json.WriteString("updatedAt", Time(silence.UpdatedAt));
        json.WriteStartArray("matchers");
        foreach (var matcher in silence.Matchers)
        {
            json.WriteStartObject();
            json.WriteString("name", matcher.Name);
            json.WriteString("value", matcher.Value);
            json.WriteBoolean("isRegex", matcher.IsRegex);
            json.WriteBoolean("isEqual", matcher.IsEqual);
            json.WriteEndObject();
        }
        json.WriteEndArray();
        json.WriteString("startsAt", Time(silence.StartsAt));
        json.WriteString("endsAt", Time(silence.EndsAt));
        json.WriteString("createdBy", silence.CreatedBy);
        json.WriteString("comment", silence.Comment);
        json.WriteEndObject();
    }

    /// <exception cref="SilenceException">A field is missing or malformed.</exception>
    public static SilenceRequest ReadRequest(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object) throw new SilenceException("a silence must be a JSON object");
        var id = element.TryGetProperty("id", out var idElement) && idElement.ValueKind == JsonValueKind.String ? idElement.GetString() : null;
        return new SilenceRequest(
            string.IsNullOrEmpty(id) ? null : id,
            ReadMatchers(Required(element, "matchers", JsonValueKind.Array)),
            ReadTime(Required(element, "startsAt", JsonValueKind.String), "startsAt"),
            ReadTime(Required(element, "endsAt", JsonValueKind.String), "endsAt"),
            RequiredText(element, "createdBy"),
            RequiredText(element, "comment"));
    }

    /// <summary>A stored silence (the silences file): the request's fields plus id and update time.</summary>
    public static Silence ReadStored(JsonElement element)
    {
        var request = ReadRequest(element);
        var updatedAt = ReadTime(Required(element, "updatedAt", JsonValueKind.String), "updatedAt");
        return new Silence(request.Id ?? throw new SilenceException("a stored silence has no id"),
            request.Matchers, request.StartsAt, request.EndsAt, updatedAt, request.CreatedBy, request.Comment);
    }

    public static string Time(DateTimeOffset time) =>
        time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);

    private static List<Matcher> ReadMatchers(JsonElement array)
    {
        var matchers = new List<Matcher>();
        foreach (var item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object) throw new SilenceException("matchers: each matcher must be an object");
            var name = RequiredText(item, "name");
            var value = Required(item, "value", JsonValueKind.String).GetString()!;
            var isRegex = Flag(item, "isRegex", false);
            var isEqual = Flag(item, "isEqual", true);
            var type = (isRegex, isEqual) switch
            {
                (false, true) => MatcherType.Equal,
                (false, false) => MatcherType.NotEqual,
                (true, true) => MatcherType.Regex,
                _ => MatcherType.NotRegex,
            };
            try
            {
                matchers.Add(Matcher.Create(name, type, value));
            }
            catch (ArgumentException e)
            {
                throw new SilenceException($"matcher {name}: {e.Message}");
            }
        }
        return matchers;
    }

    private static JsonElement Required(JsonElement element, string name, JsonValueKind kind)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
            throw new SilenceException($"{name} in body is required");
        return value.ValueKind == kind ? value : throw new SilenceException($"{name} in body must be of type {kind.ToString().ToLowerInvariant()}");
    }

    private static string RequiredText(JsonElement element, string name)
    {
        var text = Required(element, name, JsonValueKind.String).GetString()!;
        return text.Length > 0 ? text : throw new SilenceException($"{name} in body is required");
    }

    private static bool Flag(JsonElement element, string name, bool defaultValue) =>
        element.TryGetProperty(name, out var value) && value.ValueKind is JsonValueKind.True or JsonValueKind.False ? value.GetBoolean() : defaultValue;

    private static DateTimeOffset ReadTime(JsonElement element, string name) =>
        DateTimeOffset.TryParse(element.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
            ? time : throw new SilenceException($"{name} in body must be of type date-time: \"{element.GetString()}\"");
}
