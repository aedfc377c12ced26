using System.Collections.Concurrent;

namespace OllyStack.Storage.Metrics;

/// <summary>The metric heads of all tenants; a tenant's head exists from its first sample on.</summary>
public sealed class MetricsStore(MetricsStoreOptions options)
{
    private readonly ConcurrentDictionary<string, MetricsHead> _tenants = new(StringComparer.Ordinal);

    public MetricsHead For(string tenant) =>
        _tenants.GetOrAdd(tenant, _ => new MetricsHead((long)options.OutOfOrderWindow.TotalMilliseconds));

    /// <summary>Applies <see cref="MetricsStoreOptions.HeadRetention"/> to every tenant; returns the samples dropped.</summary>
    public long Trim() => _tenants.Values.Sum(head => head.Trim((long)options.HeadRetention.TotalMilliseconds));

    /// <summary>The tenant's head, or null if it has no metrics yet. Reads never create one.</summary>
    public MetricsHead? Find(string tenant) => _tenants.GetValueOrDefault(tenant);
}
