using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OllyStack.Alerting.Evaluation;
using OllyStack.Alerting.Rules;
using OllyStack.Core.Durability;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// The alerts of one rule group, kept on disk so that a restart (or kill -9) resumes them: a pending alert keeps the
/// time its <c>for</c> started, a firing one stays firing with its start, a resolved one is still reported resolved.
/// One JSON file per group, replaced atomically whenever an alert appears, changes state or goes
/// (docs/format/alert-state.md). Rules are matched by what they are (name, expression, <c>for</c>, labels), so a
/// reordered file keeps its state and a changed rule starts afresh.
/// </summary>
internal static class AlertStateFile
{
    private const int Version = 1;

    public static void Save(string path, IReadOnlyList<RuleRunner> rules, bool fsync)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartArray("rules");
            foreach (var (runner, key) in Keyed(rules))
            {
                if (runner.Alerts is null) continue;
                json.WriteStartObject();
                json.WriteString("key", key);
                json.WriteStartArray("alerts");
                foreach (var alert in runner.SnapshotAlerts()) WriteAlert(json, alert);
                json.WriteEndArray();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AtomicFile.Write(path, path + ".tmp", buffer.ToArray(), fsync);
    }

    /// <summary>Puts the saved alerts back into the rules that have none yet; a missing or unreadable file restores nothing.</summary>
    /// <returns>Why the file could not be read, or null.</returns>
    public static string? Restore(string path, IReadOnlyList<RuleRunner> rules)
    {
        if (!File.Exists(path)) return null;
        Dictionary<string, List<ActiveAlert>> saved;
        try
        {
            saved = Read(File.ReadAllBytes(path));
        }
        catch (Exception e) when (e is JsonException or InvalidDataException or IOException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            return $"{path}: {e.Message}; its alerts start afresh";
        }
        foreach (var (runner, key) in Keyed(rules))
            if (runner.Alerts is { Alerts.Count: 0 } state && saved.TryGetValue(key, out var alerts))
                foreach (var alert in alerts) state.Restore(alert);
        return null;
    }

    /// <summary>Each rule with its key: what it is, and which of the group's identical rules it is.</summary>
    private static IEnumerable<(RuleRunner Runner, string Key)> Keyed(IReadOnlyList<RuleRunner> rules)
    {
        var occurrences = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var runner in rules)
        {
            var rule = runner.Rule;
            var identity = $"{rule.Kind}\n{rule.Name}\n{rule.Query.Text}\n{rule.For}\n{rule.KeepFiringFor}\n{rule.Labels}";
            var occurrence = occurrences[identity] = occurrences.GetValueOrDefault(identity) + 1;
            yield return (runner, $"{identity}\n{occurrence}");
        }
    }

    private static void WriteAlert(Utf8JsonWriter json, ActiveAlert alert)
    {
        json.WriteStartObject();
        WriteLabels(json, "labels", alert.Labels);
        WriteLabels(json, "annotations", alert.Annotations);
        json.WriteString("state", alert.State.ToString().ToLowerInvariant());
        json.WriteNumber("value", double.IsFinite(alert.Value) ? alert.Value : 0);
        json.WriteNumber("activeAt", alert.ActiveAtMs);
        json.WriteNumber("firedAt", alert.FiredAtMs);
        json.WriteNumber("resolvedAt", alert.ResolvedAtMs);
        json.WriteNumber("keepFiringSince", alert.KeepFiringSinceMs);
        json.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, Labels labels)
    {
        json.WriteStartObject(name);
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
    }

    private static Dictionary<string, List<ActiveAlert>> Read(byte[] content)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        if (root.GetProperty("version").GetInt32() != Version) throw new InvalidDataException($"unknown version {root.GetProperty("version")}");
        var saved = new Dictionary<string, List<ActiveAlert>>(StringComparer.Ordinal);
        foreach (var rule in root.GetProperty("rules").EnumerateArray())
            saved[rule.GetProperty("key").GetString()!] = [.. rule.GetProperty("alerts").EnumerateArray().Select(ReadAlert)];
        return saved;
    }

    private static ActiveAlert ReadAlert(JsonElement alert) => new(ReadLabels(alert.GetProperty("labels")), alert.GetProperty("activeAt").GetInt64())
    {
        Annotations = ReadLabels(alert.GetProperty("annotations")),
        State = Enum.Parse<AlertState>(alert.GetProperty("state").GetString()!, ignoreCase: true),
        Value = alert.GetProperty("value").GetDouble(),
        FiredAtMs = alert.GetProperty("firedAt").GetInt64(),
        ResolvedAtMs = alert.GetProperty("resolvedAt").GetInt64(),
        KeepFiringSinceMs = alert.GetProperty("keepFiringSince").GetInt64(),
    };

    private static Labels ReadLabels(JsonElement labels) =>
        Labels.Of(labels.EnumerateObject().Select(p => (p.Name, p.Value.GetString() ?? "")));

    /// <summary>The file of a group: its name made safe as a file name, under the tenant's folder.</summary>
    public static string PathOf(string directory, RuleGroup group) =>
        Path.Combine(directory, group.Tenant, Path.ChangeExtension(RuleGroupFileName.For(group.Name) ?? Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(group.Name))), ".json"));
}
