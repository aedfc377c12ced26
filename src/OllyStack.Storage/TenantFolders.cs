using OllyStack.Core.Tenancy;

namespace OllyStack.Storage;

/// <summary>
/// The per-tenant stores of a log or span store, one subfolder each under one folder; a tenant's exists from its
/// first record on. Reads see a snapshot array and never create a tenant.
/// </summary>
internal sealed class TenantFolders<TTenant> : IDisposable where TTenant : class, IDisposable
{
    private readonly string _directory;
    private readonly Func<string, string, TTenant> _open;
    private readonly Func<TTenant, string> _nameOf;
    private readonly Dictionary<string, TTenant> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private volatile TTenant[] _snapshot = [];

    /// <param name="open">Opens a tenant's store from its folder and name.</param>
    /// <param name="nameOf">The tenant a store belongs to.</param>
    public TenantFolders(string directory, Func<string, string, TTenant> open, Func<TTenant, string> nameOf)
    {
        _directory = directory;
        _open = open;
        _nameOf = nameOf;
        Directory.CreateDirectory(directory);
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(directory))
                if (Path.GetFileName(folder) is var tenant && TenantName.IsValid(tenant)) For(tenant);
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<TTenant> All => _snapshot;

    public TTenant For(string tenant)
    {
        if (Find(tenant) is { } existing) return existing;
        lock (_lock)
        {
            if (_tenants.TryGetValue(tenant, out existing)) return existing;
            var opened = _open(Path.Combine(_directory, tenant), tenant);
            _tenants[tenant] = opened;
            _snapshot = [.. _tenants.Values];
            return opened;
        }
    }

    public TTenant? Find(string tenant)
    {
        foreach (var candidate in _snapshot)
            if (_nameOf(candidate) == tenant) return candidate;
        return null;
    }

    public void Dispose()
    {
        foreach (var tenant in _snapshot) tenant.Dispose();
    }
}
