using System.Text.Json;
using OllyStack.Core.Durability;

namespace OllyStack.Alerting.Notifications.Silencing;

/// <summary>
/// A tenant's silences on disk (docs/format/silences.md): one JSON document, replaced atomically on every change, so
/// a crash leaves the old set or the new one, never a mix.
/// </summary>
internal static class SilenceFile
{
    private const int Version = 1;

    public static List<Silence> Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var version = root.GetProperty("version").GetInt32();
            if (version != Version) throw new InvalidDataException($"{path}: silences file version {version} is not supported (expected {Version})");
            return root.GetProperty("silences").EnumerateArray().Select(SilenceJson.ReadStored).ToList();
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or SilenceException)
        {
            throw new InvalidDataException($"{path}: not a valid silences file: {e.Message}", e);
        }
    }

    public static void Write(string path, IEnumerable<Silence> silences, bool fsync)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartArray("silences");
            foreach (var silence in silences) SilenceJson.Write(json, silence, now: null);
            json.WriteEndArray();
            json.WriteEndObject();
        }
        AtomicFile.Write(path, path + ".tmp", buffer.WrittenSpan, fsync);
    }
}
