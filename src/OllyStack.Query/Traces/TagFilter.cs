using System.Text.Json;
using OllyStack.Query.Api;

namespace OllyStack.Query.Traces;

/// <summary>
/// The tags a Jaeger search asks for: <c>tags</c> as a JSON object (<c>{"error":"true"}</c>, what the UI sends) or as
/// logfmt (<c>error=true http.status_code=500</c>, what users type), and each <c>tag=key:value</c>.
/// </summary>
public static class TagFilter
{
    /// <exception cref="ApiException">400 when <c>tags</c> or a <c>tag</c> does not parse.</exception>
    public static IReadOnlyList<KeyValuePair<string, string>> Parse(ApiParameters parameters)
    {
        var tags = new List<KeyValuePair<string, string>>();
        foreach (var text in parameters.All("tags").Where(t => !string.IsNullOrWhiteSpace(t)))
            tags.AddRange(text.TrimStart().StartsWith('{') ? Json(text) : Logfmt(text));
        foreach (var tag in parameters.All("tag"))
        {
            var colon = tag.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0) throw ApiException.BadData($"invalid parameter \"tag\": \"{tag}\" is not key:value");
            tags.Add(new(tag[..colon], tag[(colon + 1)..]));
        }
        return tags;
    }

    private static List<KeyValuePair<string, string>> Json(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return [.. document.RootElement.EnumerateObject().Select(p => new KeyValuePair<string, string>(p.Name,
                p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()! : p.Value.GetRawText()))];
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            throw ApiException.BadData($"invalid parameter \"tags\": not a JSON object of tag values ({e.Message})");
        }
    }

    /// <summary>Space-separated <c>key=value</c> pairs; a value may be double-quoted to hold spaces.</summary>
    private static List<KeyValuePair<string, string>> Logfmt(string text)
    {
        var tags = new List<KeyValuePair<string, string>>();
        var rest = text.AsSpan().Trim();
        while (!rest.IsEmpty)
        {
            var equals = rest.IndexOf('=');
            var space = rest.IndexOf(' ');
            if (equals <= 0 || (space >= 0 && space < equals)) throw ApiException.BadData($"invalid parameter \"tags\": \"{text}\" is neither a JSON object nor key=value pairs");
            var key = rest[..equals].ToString();
            rest = rest[(equals + 1)..];
            string value;
            if (rest.StartsWith("\""))
            {
                var close = rest[1..].IndexOf('"');
                if (close < 0) throw ApiException.BadData($"invalid parameter \"tags\": an unclosed quote in \"{text}\"");
                value = rest.Slice(1, close).ToString();
                rest = rest[(close + 2)..];
            }
            else
            {
                var end = rest.IndexOf(' ');
                value = (end < 0 ? rest : rest[..end]).ToString();
                rest = end < 0 ? [] : rest[end..];
            }
            tags.Add(new(key, value));
            rest = rest.TrimStart();
        }
        return tags;
    }
}
