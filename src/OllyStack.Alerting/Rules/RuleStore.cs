using System.Collections.Immutable;
using System.Text;
using OllyStack.Core.Durability;
using OllyStack.Core.Tenancy;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Every tenant's rule groups, from <c>&lt;data-dir&gt;/rules/&lt;tenant&gt;/*.yaml</c> and the configured extra folder,
/// and the changes the rules API makes: <see cref="Put"/> writes a group to <c>&lt;data-dir&gt;/rules/&lt;tenant&gt;/&lt;group&gt;.yaml</c>
/// (atomically: temporary file, fsync, rename), <see cref="Delete"/> removes that file. Readers get immutable
/// snapshots without locking; every change to a tenant's rules raises <see cref="Changed"/> with its new snapshot.
/// </summary>
public sealed class RuleStore
{
    private const string BodyName = "body";

    private readonly RuleStoreOptions _options;

    // Changes are rare (a reload, an API call) and serialized; reads take the current snapshot map.
    private readonly Lock _changes = new();
    private ImmutableDictionary<string, TenantRules> _tenants = ImmutableDictionary.Create<string, TenantRules>(StringComparer.Ordinal);
    private long _version;

    public RuleStore(RuleStoreOptions options) => _options = options;

    /// <summary>
    /// A tenant's rules changed (a reload found different files, or the API changed a group), with the tenant's new
    /// snapshot. Raised in the order of the changes, while the store holds its lock: handlers must be quick (hand the
    /// snapshot to another thread) and must not throw.
    /// </summary>
    public event Action<TenantRules>? Changed;

    /// <summary>The interval of groups that set none.</summary>
    public TimeSpan DefaultInterval => _options.DefaultInterval;

    /// <summary>Grows with every change to any tenant's rules.</summary>
    public long Version => Volatile.Read(ref _version);

    /// <summary>The tenants that have rule groups or rule file errors.</summary>
    public IReadOnlyList<string> Tenants => Volatile.Read(ref _tenants).Keys.Order(StringComparer.Ordinal).ToList();

    /// <summary>The tenant's current rules (none for a tenant without rule files).</summary>
    public TenantRules For(string tenant) =>
        Volatile.Read(ref _tenants).GetValueOrDefault(tenant) ?? new TenantRules(tenant, 0, [], []);

    /// <summary>
    /// Reads every tenant's rule files again (at start, and when files changed). Tenants whose rules differ from
    /// before raise <see cref="Changed"/>. Returns every problem found, for the log.
    /// </summary>
    public IReadOnlyList<RuleFileError> Reload()
    {
        var (tenants, folderErrors) = TenantsOnDisk();
        lock (_changes)
        {
            foreach (var tenant in tenants.Union(_tenants.Keys).ToList()) ReloadLocked(tenant);
        }
        return [.. folderErrors, .. _tenants.Values.SelectMany(t => t.Errors)];
    }

    /// <summary>
    /// Creates or replaces the group <paramref name="groupName"/> of <paramref name="tenant"/> from a YAML or JSON
    /// body holding one group, and returns it as loaded.
    /// </summary>
    /// <exception cref="InvalidRuleGroupException">The body is not a valid rule group; nothing changed.</exception>
    /// <exception cref="RuleGroupConflictException">The group lives in a file the API does not own; nothing changed.</exception>
    public RuleGroup Put(string tenant, string groupName, string body)
    {
        RequireTenant(tenant);
        var fileName = FileNameOrThrow(groupName);
        var parsed = RuleFileParser.ParseGroup(body, BodyName, tenant, groupName);
        if (!parsed.IsValid) throw new InvalidRuleGroupException(parsed.Errors);
        lock (_changes)
        {
            var path = Path.Combine(_options.TenantDirectory(tenant), fileName);
            RequireOwned(tenant, groupName, path);
            Write(path, RuleFileWriter.Write(parsed.Groups[0]));
            ReloadLocked(tenant);
        }
        return For(tenant).Find(groupName) ?? throw new InvalidOperationException($"group {groupName} was written but did not load");
    }

    /// <summary>Deletes the group's file; false when the tenant has no such group.</summary>
    /// <exception cref="RuleGroupConflictException">The group lives in a file the API does not own; nothing changed.</exception>
    public bool Delete(string tenant, string groupName)
    {
        RequireTenant(tenant);
        var fileName = RuleGroupFileName.For(groupName);
        if (fileName is null) return false;
        lock (_changes)
        {
            var path = Path.Combine(_options.TenantDirectory(tenant), fileName);
            RequireOwned(tenant, groupName, path);
            if (!File.Exists(path)) return false;
            File.Delete(path);
            if (_options.Fsync) DirectorySync.Flush(Path.GetDirectoryName(path)!);
            ReloadLocked(tenant);
        }
        return true;
    }

    /// <summary>Loads the tenant's files and, when they hold something else than before, publishes and announces it.</summary>
    private void ReloadLocked(string tenant)
    {
        var previous = For(tenant);
        var (groups, errors) = TenantRuleLoader.Load(_options, tenant, previous);
        var next = new TenantRules(tenant, _version + 1, groups, errors);
        if (next.IsSameAs(previous)) return;
        Volatile.Write(ref _version, _version + 1);
        var tenants = groups.Count == 0 && errors.Count == 0 ? _tenants.Remove(tenant) : _tenants.SetItem(tenant, next);
        Volatile.Write(ref _tenants, tenants);
        Changed?.Invoke(next);
    }

    /// <summary>
    /// The API may write <paramref name="path"/> for the group only if the group is not defined in another file and
    /// the file, if it exists, holds that group alone.
    /// </summary>
    private void RequireOwned(string tenant, string groupName, string path)
    {
        if (For(tenant).Find(groupName) is { } existing && existing.File != path)
            throw new RuleGroupConflictException($"group \"{groupName}\" is defined in {existing.File}; change it there (the rules API manages only files it wrote)");
        if (!File.Exists(path)) return;
        var onDisk = RuleFileParser.ParseFile(File.ReadAllText(path), path, tenant);
        if (onDisk.GroupNames.Count == 0 && !onDisk.IsValid)
            throw new RuleGroupConflictException($"{path} is not a valid rule file ({onDisk.Errors[0].Reason}); fix or remove it first");
        var others = onDisk.GroupNames.Where(n => n != groupName).ToList();
        if (others.Count > 0)
            throw new RuleGroupConflictException($"{path} also holds group(s) {string.Join(", ", others.Select(n => $"\"{n}\""))}; change the file itself");
    }

    private void Write(string path, string content)
    {
        var directory = Path.GetDirectoryName(path)!;
        if (!Directory.Exists(directory))
        {
            Directory.CreateDirectory(directory);
            if (_options.Fsync) DirectorySync.Flush(Path.GetDirectoryName(directory)!);
        }
        AtomicFile.Write(path, path + ".tmp", Encoding.UTF8.GetBytes(content), _options.Fsync);
    }

    private (IEnumerable<string> Tenants, List<RuleFileError> Errors) TenantsOnDisk()
    {
        var errors = new List<RuleFileError>();
        var roots = new[] { Path.Combine(_options.DataDirectory, "rules"), _options.ExtraDirectory }.OfType<string>().Where(Directory.Exists);
        var tenants = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var folder in roots.SelectMany(Directory.EnumerateDirectories))
        {
            var name = Path.GetFileName(folder);
            if (TenantName.IsValid(name)) tenants.Add(name);
            else errors.Add(new RuleFileError(folder, 1, 1, $"\"{name}\" is not a tenant name (1-64 of a-z, 0-9, '-' and '_'); its rule files are not loaded"));
        }
        return (tenants, errors);
    }

    private static void RequireTenant(string tenant)
    {
        if (!TenantName.IsValid(tenant)) throw new ArgumentException($"invalid tenant name \"{tenant}\"", nameof(tenant));
    }

    private static string FileNameOrThrow(string groupName)
    {
        if (groupName.Length == 0) throw new InvalidRuleGroupException([new RuleFileError(BodyName, 1, 1, "group name must not be empty")]);
        return RuleGroupFileName.For(groupName)
            ?? throw new InvalidRuleGroupException([new RuleFileError(BodyName, 1, 1, $"group name is too long for a file name ({RuleGroupFileName.MaxLength} bytes encoded)")]);
    }
}
