using System.Text.Json;

namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>
/// The path of a <c>json a="..."</c> parameter: field names joined by dots, bracketed quoted names and array indexes
/// (<c>request.headers["user-agent"]</c>, <c>items[0].id</c>).
/// </summary>
internal sealed class JsonPath
{
    private readonly object[] segments;

    private JsonPath(object[] segments) => this.segments = segments;

    /// <exception cref="FormatException">The path is empty or malformed.</exception>
    public static JsonPath Parse(string path)
    {
        var segments = new List<object>();
        var position = 0;
        while (position < path.Length)
        {
            if (path[position] == '[') segments.Add(ReadBracket(path, ref position));
            else
            {
                if (path[position] == '.' && segments.Count > 0) position++;
                var start = position;
                while (position < path.Length && path[position] is not '.' and not '[') position++;
                if (position == start) throw new FormatException($"empty field name at offset {start}");
                segments.Add(path[start..position]);
            }
        }
        if (segments.Count == 0) throw new FormatException("empty path");
        return new JsonPath([.. segments]);
    }

    /// <summary>The element at this path, if there is one.</summary>
    public bool TryFind(JsonElement root, out JsonElement found)
    {
        found = root;
        foreach (var segment in segments)
        {
            if (segment is string name)
            {
                if (found.ValueKind != JsonValueKind.Object || !found.TryGetProperty(name, out found)) return false;
            }
            else
            {
                var index = (int)segment;
                if (found.ValueKind != JsonValueKind.Array || index >= found.GetArrayLength()) return false;
                found = found[index];
            }
        }
        return true;
    }

    private static object ReadBracket(string path, ref int position)
    {
        var close = path.IndexOf(']', position);
        if (close < 0) throw new FormatException($"unclosed '[' at offset {position}");
        var inner = path.AsSpan(position + 1, close - position - 1).Trim();
        position = close + 1;
        if (inner.Length >= 2 && inner[0] is '"' or '\'' && inner[^1] == inner[0]) return inner[1..^1].ToString();
        if (int.TryParse(inner, out var index) && index >= 0) return index;
        throw new FormatException($"expected an array index or a quoted field name in brackets, got [{inner}]");
    }
}
