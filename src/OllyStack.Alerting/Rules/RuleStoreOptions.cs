namespace OllyStack.Alerting.Rules;

/// <summary>Where a <see cref="RuleStore"/> finds and keeps rule files.</summary>
public sealed record RuleStoreOptions
{
    /// <summary>The data directory: rule files are <c>&lt;DataDirectory&gt;/rules/&lt;tenant&gt;/*.yaml</c> (and <c>*.yml</c>).</summary>
    public required string DataDirectory { get; init; }

    /// <summary>
    /// A further folder of rule files laid out the same way (<c>&lt;folder&gt;/&lt;tenant&gt;/*.yaml</c>), typically mounted
    /// from configuration management. Its groups are read-only through the rules API.
    /// </summary>
    public string? ExtraDirectory { get; init; }

    /// <summary>The evaluation interval of groups that do not set one.</summary>
    public TimeSpan DefaultInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>False only where durability is deliberately off (throwaway tests).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>Where the rules API writes the tenant's groups.</summary>
    public string TenantDirectory(string tenant) => Path.Combine(DataDirectory, "rules", tenant);
}
