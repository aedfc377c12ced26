using System.Collections.Frozen;
using System.Text.Json;
using OllyStack.Core.Durability;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// What each integration was last told about each group (Alertmanager's notification log): the firing and resolved
/// alerts of the last delivered notification and when. It decides whether a flush needs to notify at all. Kept in a
/// file (docs/format/notification-log.md), rewritten atomically on every change, so that after a restart groups that
/// still fire are not notified again, and groups that resolve are still reported resolved.
/// </summary>
internal sealed class NotificationState
{
    /// <summary>How long an entry outlives its last notification (Alertmanager's data retention).</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(120);

    private const int Version = 1;

    private readonly Dictionary<string, Entry> _entries;
    private readonly string? _path;
    private readonly bool _fsync;

    private NotificationState(string? path, bool fsync, Dictionary<string, Entry> entries)
    {
        _path = path;
        _fsync = fsync;
        _entries = entries;
    }

    /// <summary>The state kept at <paramref name="path"/> (empty when there is no file yet; null path: memory only).</summary>
    /// <exception cref="InvalidDataException">The file exists but cannot be read; its message names the file.</exception>
    public static NotificationState Open(string? path, bool fsync)
    {
        var entries = new Dictionary<string, Entry>(StringComparer.Ordinal);
        if (path is not null && File.Exists(path))
        {
            try
            {
                Read(File.ReadAllBytes(path), entries);
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"{path} is not a notification log ({e.Message}); move it away to start with an empty one", e);
            }
        }
        return new NotificationState(path, fsync, entries);
    }

    public void Record(string key, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, DateTimeOffset now)
    {
        _entries[key] = new Entry(firing.ToFrozenSet(), resolved.ToFrozenSet(), now);
        Save();
    }

    /// <summary>
    /// Alertmanager's rule: notify when an alert fires that the last notification did not list as firing; when all
    /// are resolved and the last notification had firing ones (whatever send_resolved says, so the log is cleared);
    /// when send_resolved and an alert resolved that the last one did not list as resolved; or when repeat_interval has
    /// passed since. Integrations that forward to an Alertmanager are also told whenever anything fires.
    /// </summary>
    public bool NeedsUpdate(string key, IReadOnlySet<ulong> firing, IReadOnlySet<ulong> resolved, bool sendResolved, bool resendsEveryFlush, TimeSpan repeat, DateTimeOffset now)
    {
        if (!_entries.TryGetValue(key, out var entry)) return firing.Count > 0;
        if (!firing.IsSubsetOf(entry.Firing)) return true;
        if (firing.Count == 0) return entry.Firing.Count > 0;
        if (resendsEveryFlush) return true;
        if (sendResolved && !resolved.IsSubsetOf(entry.Resolved)) return true;
        return entry.Timestamp <= now - repeat;
    }

    /// <summary>Whether an integration of the group <paramref name="groupKey"/> was last told that the alert fires.</summary>
    public bool ToldFiring(string groupKey, ulong fingerprint)
    {
        var prefix = groupKey + "|";
        foreach (var (key, entry) in _entries)
            if (key.StartsWith(prefix, StringComparison.Ordinal) && entry.Firing.Contains(fingerprint)) return true;
        return false;
    }

    public void RemoveOlderThan(DateTimeOffset cutoff)
    {
        var old = _entries.Where(e => e.Value.Timestamp < cutoff).Select(e => e.Key).ToList();
        foreach (var key in old) _entries.Remove(key);
        if (old.Count > 0) Save();
    }

    private void Save()
    {
        if (_path is null) return;
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteNumber("version", Version);
            json.WriteStartArray("entries");
            foreach (var (key, entry) in _entries.OrderBy(e => e.Key, StringComparer.Ordinal))
            {
                json.WriteStartObject();
                json.WriteString("key", key);
                WriteFingerprints(json, "firing", entry.Firing);
                WriteFingerprints(json, "resolved", entry.Resolved);
                json.WriteNumber("timestamp", entry.Timestamp.ToUnixTimeMilliseconds());
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
        AtomicFile.Write(_path, _path + ".tmp", buffer.ToArray(), _fsync);
    }

    private static void WriteFingerprints(Utf8JsonWriter json, string name, FrozenSet<ulong> fingerprints)
    {
        json.WriteStartArray(name);
        foreach (var fingerprint in fingerprints.Order()) json.WriteStringValue(fingerprint.ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
        json.WriteEndArray();
    }

    private static void Read(byte[] content, Dictionary<string, Entry> entries)
    {
        using var document = JsonDocument.Parse(content);
        var root = document.RootElement;
        var version = root.GetProperty("version").GetInt32();
        if (version != Version) throw new FormatException($"unknown version {version}");
        foreach (var entry in root.GetProperty("entries").EnumerateArray())
            entries[entry.GetProperty("key").GetString()!] = new Entry(
                ReadFingerprints(entry.GetProperty("firing")), ReadFingerprints(entry.GetProperty("resolved")),
                DateTimeOffset.FromUnixTimeMilliseconds(entry.GetProperty("timestamp").GetInt64()));
    }

    private static FrozenSet<ulong> ReadFingerprints(JsonElement fingerprints) =>
        fingerprints.EnumerateArray().Select(f => ulong.Parse(f.GetString()!, System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)).ToFrozenSet();

    private sealed record Entry(FrozenSet<ulong> Firing, FrozenSet<ulong> Resolved, DateTimeOffset Timestamp);
}
