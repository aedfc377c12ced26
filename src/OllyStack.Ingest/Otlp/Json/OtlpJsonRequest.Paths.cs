using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace OllyStack.Ingest.Otlp;

// Where a value sits in the request, for error messages. Decoders keep no path while they work; an element is
// identified by the offset of its text in the body, and the path is found by walking toward that offset from the
// root, so only a request that fails pays for it.
internal sealed partial class OtlpJsonRequest
{
    /// <summary>The path of <paramref name="target"/>, e.g. <c>resourceSpans[0].scopeSpans[1].spans[3].traceId</c>.</summary>
    private string PathOf(JsonElement target)
    {
        var offset = OffsetOf(target);
        var path = new StringBuilder();
        var current = Root;
        while (OffsetOf(current) != offset && TryStepToward(offset, current, path, out current)) { }
        return path.Length == 0 ? "top level" : path.ToString();
    }

    private bool TryStepToward(int offset, JsonElement container, StringBuilder path, out JsonElement child)
    {
        if (container.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in container.EnumerateObject())
            {
                if (!Encloses(property.Value, offset)) continue;
                if (path.Length > 0) path.Append('.');
                path.Append(Encoding.UTF8.GetString(JsonMarshal.GetRawUtf8PropertyName(property)));
                child = property.Value;
                return true;
            }
        }
        else if (container.ValueKind == JsonValueKind.Array)
        {
            var index = 0;
            foreach (var item in container.EnumerateArray())
            {
                if (Encloses(item, offset))
                {
                    path.Append('[').Append(index).Append(']');
                    child = item;
                    return true;
                }
                index++;
            }
        }
        child = default;
        return false;
    }

    private bool Encloses(JsonElement element, int offset)
    {
        var start = OffsetOf(element);
        return offset >= start && offset < start + JsonMarshal.GetRawUtf8Value(element).Length;
    }

    private int OffsetOf(JsonElement element)
    {
        _utf8.AsSpan(0, _length).Overlaps(JsonMarshal.GetRawUtf8Value(element), out var offset);
        return offset;
    }
}
