using System.Text.Json;
using OllyStack.Core.Durability;
using OllyStack.Core.Metrics;

namespace OllyStack.Storage.Metrics;

/// <summary>
/// A tenant's metric metadata (type, unit, help per family) as JSON beside its parts (docs/format/metric-part.md,
/// "Metadata file"), rewritten atomically by a flush when it changed, since the log it came from gets trimmed.
/// </summary>
public static class MetadataFile
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    public static Dictionary<string, MetricMetadata> Read(string path)
    {
        if (!File.Exists(path)) return [];
        try
        {
            var entries = JsonSerializer.Deserialize<Dictionary<string, Entry>>(File.ReadAllBytes(path), Json) ?? [];
            return entries.ToDictionary(e => e.Key, e => new MetricMetadata(Enum.Parse<MetricType>(e.Value.Type, ignoreCase: true), e.Value.Unit, e.Value.Help), StringComparer.Ordinal);
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            throw new InvalidDataException($"{path} is not a metadata file: {e.Message}", e);
        }
    }

    public static void Write(string path, IReadOnlyDictionary<string, MetricMetadata> metadata)
    {
        var entries = metadata.OrderBy(m => m.Key, StringComparer.Ordinal)
            .ToDictionary(m => m.Key, m => new Entry(m.Value.Type.ToString().ToLowerInvariant(), m.Value.Unit, m.Value.Help));
        AtomicFile.Write(path, path + ".tmp", JsonSerializer.SerializeToUtf8Bytes(entries, Json));
    }

    private sealed record Entry(string Type, string Unit, string Help);
}
