namespace OllyStack.Alerting.Rules;

/// <summary>
/// A tenant's rule groups at one moment, immutable: the groups in file order (files of the data directory first,
/// then the extra folder, each by name), and the problems with the files that were not loaded as written.
/// </summary>
public sealed class TenantRules
{
    private readonly Dictionary<string, RuleGroup> _byName;

    internal TenantRules(string tenant, long version, IReadOnlyList<RuleGroup> groups, IReadOnlyList<RuleFileError> errors)
    {
        Tenant = tenant;
        Version = version;
        Groups = groups;
        Errors = errors;
        _byName = groups.ToDictionary(g => g.Name, StringComparer.Ordinal);
    }

    public string Tenant { get; }

    /// <summary>The store's version when this snapshot was taken; a later snapshot of the tenant has a larger one.</summary>
    public long Version { get; }

    public IReadOnlyList<RuleGroup> Groups { get; }

    /// <summary>
    /// Why files or groups were refused. A group that was valid before keeps running in its last valid version while
    /// its file has an error.
    /// </summary>
    public IReadOnlyList<RuleFileError> Errors { get; }

    public RuleGroup? Find(string groupName) => _byName.GetValueOrDefault(groupName);

    /// <summary>Whether this snapshot holds the very same groups (instances) and errors as <paramref name="other"/>.</summary>
    internal bool IsSameAs(TenantRules other) =>
        Groups.Count == other.Groups.Count && Groups.Zip(other.Groups).All(p => ReferenceEquals(p.First, p.Second))
        && Errors.SequenceEqual(other.Errors);
}
