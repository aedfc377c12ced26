using System.Text;
using System.Text.Json;

namespace OllyStack.ControlPlane;

/// <summary>Renders a resource to compact JSON text, as the audit log stores it.</summary>
internal static class JsonText
{
    public static string Of(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer)) write(json);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
