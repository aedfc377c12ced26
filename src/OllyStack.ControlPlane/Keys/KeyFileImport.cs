using System.Text.Json;
using OllyStack.ControlPlane.Audit;
using OllyStack.ControlPlane.Store;
using OllyStack.ControlPlane.Tenants;
using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// Moves the tenants and key hashes of the interim key file (<c>keys.json</c>, docs/format/keys.md) into the
/// control-plane store on the first start after an upgrade, so every issued key keeps working. Imported tenants get
/// the enterprise plan: they were unlimited before. The file is renamed afterwards, never deleted.
/// </summary>
public static class KeyFileImport
{
    public const string FileName = "keys.json";

    /// <summary>Imports <c>&lt;dataDirectory&gt;/keys.json</c> if it exists and the store holds no key yet; the number of keys imported.</summary>
    public static int Run(string dataDirectory, IControlPlaneStore store, DateTimeOffset now)
    {
        var path = Path.Combine(dataDirectory, FileName);
        if (!File.Exists(path) || store.Load().Keys.Count > 0) return 0;
        var writes = new List<StoreWrite>();
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var known = store.Load().Tenants.Select(t => t.Name).ToHashSet();
            foreach (var tenant in root.GetProperty("tenants").EnumerateArray())
            {
                var name = tenant.GetProperty("name").GetString()!;
                if (!known.Add(name)) continue;
                var created = tenant.GetProperty("created_at").GetDateTimeOffset();
                writes.Add(new TenantSaved(new Tenant(name, Plans.Enterprise, false, TenantLimits.None, created, created)));
            }
            foreach (var key in root.GetProperty("keys").EnumerateArray())
                writes.Add(new KeySaved(ReadKey(key)));
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a valid key file ({e.Message}); restore it from a backup or remove it to start over", e);
        }
        var imported = writes.OfType<KeySaved>().Count();
        store.Commit(writes, new AuditEvent(AuditActor.System, ControlPlaneService.OperatorTenant, "keys.import", path, "success", After: $"{{\"keys\":{imported}}}"), now);
        File.Move(path, path + ".imported");
        return imported;
    }

    private static ApiKey ReadKey(JsonElement key)
    {
        KeyScopeNames.TryParse(key.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()!), out var scopes, out _);
        var revoked = key.TryGetProperty("revoked_at", out var revokedAt) && revokedAt.ValueKind != JsonValueKind.Null ? revokedAt.GetDateTimeOffset() : (DateTimeOffset?)null;
        return new ApiKey(
            key.GetProperty("id").GetString()!, key.GetProperty("tenant").GetString()!, key.GetProperty("name").GetString()!, scopes,
            key.GetProperty("prefix").GetString()!, KeyHash.Parse(key.GetProperty("sha256").GetString()!), key.GetProperty("created_at").GetDateTimeOffset(),
            null, revoked, null, null);
    }
}
