using System.Collections.Frozen;
using System.Text.Json;
using OllyStack.Core.Admission;
using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// The embedded key store: tenants and key hashes in one JSON file in the data folder, rewritten atomically
/// on every change. Authentication reads an immutable snapshot, so it takes no lock and allocates nothing.
/// </summary>
public sealed class FileApiKeyStore : IApiKeyStore
{
    private readonly string _path;
    private readonly Lock _writeLock = new();
    private readonly TimeProvider _clock;
    private KeyFileDocument _document;
    private volatile FrozenDictionary<KeyHash, Principal> _active;

    private FileApiKeyStore(string path, KeyFileDocument document, TimeProvider clock)
    {
        _path = path;
        _document = document;
        _clock = clock;
        _active = Snapshot(document);
    }

    /// <summary>Opens (or creates) <c>keys.json</c> in <paramref name="dataDirectory"/>; the <c>default</c> tenant always exists.</summary>
    public static FileApiKeyStore Open(string dataDirectory, TimeProvider? clock = null)
    {
        Directory.CreateDirectory(dataDirectory);
        var path = Path.Combine(dataDirectory, "keys.json");
        var document = File.Exists(path) ? Load(path) : new KeyFileDocument();
        var store = new FileApiKeyStore(path, document, clock ?? TimeProvider.System);
        if (!document.Tenants.Any(t => t.Name == TenantName.Default)) store.EnsureTenant(TenantName.Default);
        return store;
    }

    public bool HasAnyKey => _document.Keys.Count > 0;

    public IReadOnlyList<string> Tenants
    {
        get
        {
            lock (_writeLock) return _document.Tenants.Select(t => t.Name).ToList();
        }
    }

    public Principal? Authenticate(ReadOnlySpan<char> key) =>
        key.StartsWith(ApiKeyFormat.Prefix) && _active.TryGetValue(KeyHash.Of(key), out var principal) ? principal : null;

    public CreatedApiKey Create(string tenant, string name, KeyScopes scopes)
    {
        if (!TenantName.IsValid(tenant))
            throw new ArgumentException($"tenant name '{tenant}' is invalid: use 1-64 of a-z, 0-9, '-' and '_'");
        if (scopes == KeyScopes.None) throw new ArgumentException("a key needs at least one scope (ingest, query, admin)");
        var key = ApiKeyFormat.NewKey();
        var entry = new KeyEntry
        {
            Id = ApiKeyFormat.NewId(),
            Tenant = tenant,
            Name = name,
            Scopes = [.. scopes.ToNames()],
            Prefix = ApiKeyFormat.VisiblePart(key),
            Sha256 = KeyHash.Of(key).ToString(),
            CreatedAt = _clock.GetUtcNow(),
        };
        lock (_writeLock)
        {
            Mutate(document =>
            {
                if (!document.Tenants.Any(t => t.Name == tenant)) document.Tenants.Add(new TenantEntry { Name = tenant, CreatedAt = entry.CreatedAt });
                document.Keys.Add(entry);
            });
        }
        return new CreatedApiKey(ToInfo(entry), key);
    }

    public IReadOnlyList<ApiKeyInfo> List(string? tenant = null)
    {
        lock (_writeLock)
            return _document.Keys.Where(k => tenant is null || k.Tenant == tenant).Select(ToInfo).ToList();
    }

    public bool Revoke(string id)
    {
        lock (_writeLock)
        {
            var index = _document.Keys.FindIndex(k => k.Id == id);
            if (index < 0) return false;
            if (_document.Keys[index].RevokedAt is null)
            {
                var now = _clock.GetUtcNow();
                Mutate(document => document.Keys[index].RevokedAt = now);
            }
            return true;
        }
    }

    private void EnsureTenant(string tenant)
    {
        lock (_writeLock)
            Mutate(document => document.Tenants.Add(new TenantEntry { Name = tenant, CreatedAt = _clock.GetUtcNow() }));
    }

    // Changes a copy, persists it, then publishes it: a failed write leaves memory and disk as they were.
    private void Mutate(Action<KeyFileDocument> change)
    {
        var copy = JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(_document, KeyFileJsonContext.Default.KeyFileDocument), KeyFileJsonContext.Default.KeyFileDocument)!;
        change(copy);
        Persist(copy);
        _document = copy;
        _active = Snapshot(copy);
    }

    private void Persist(KeyFileDocument document)
    {
        var temp = _path + ".tmp";
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 4096, FileOptions.WriteThrough))
        {
            JsonSerializer.Serialize(stream, document, KeyFileJsonContext.Default.KeyFileDocument);
            stream.Flush(flushToDisk: true);
        }
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temp, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        File.Move(temp, _path, overwrite: true);
    }

    private static KeyFileDocument Load(string path)
    {
        try
        {
            var document = JsonSerializer.Deserialize(File.ReadAllBytes(path), KeyFileJsonContext.Default.KeyFileDocument)
                ?? throw new JsonException("the document is null");
            if (document.Tenants is null || document.Keys is null || document.Tenants.Contains(null!) || document.Keys.Contains(null!))
                throw new JsonException("'tenants' and 'keys' must be lists of objects");
            foreach (var key in document.Keys) KeyHash.Parse(key.Sha256 ?? "");
            return document;
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            throw new InvalidDataException($"{path} is not a valid key file ({e.Message}); restore it from a backup or remove it to start over", e);
        }
    }

    private static FrozenDictionary<KeyHash, Principal> Snapshot(KeyFileDocument document) =>
        document.Keys
            .Where(k => k.RevokedAt is null)
            .ToFrozenDictionary(k => KeyHash.Parse(k.Sha256), k => new Principal(k.Tenant, k.Id, ParseScopes(k.Scopes)));

    private static KeyScopes ParseScopes(IEnumerable<string> names) =>
        KeyScopeNames.TryParse(names, out var scopes, out _) ? scopes : KeyScopes.None;

    private static ApiKeyInfo ToInfo(KeyEntry k) =>
        new(k.Id, k.Tenant, k.Name, ParseScopes(k.Scopes), k.Prefix, k.CreatedAt, k.RevokedAt);
}
