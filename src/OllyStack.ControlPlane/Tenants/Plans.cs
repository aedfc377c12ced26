using OllyStack.Core.Tenancy;

namespace OllyStack.ControlPlane.Tenants;

/// <summary>
/// The founding plans. Daily volume, event rate, retention and sampling are the founding figures; the monthly quota
/// is 30 days of the daily one, the storage quota what a full retention of raw daily volume would hold (compression
/// keeps real use far below it), and only the paid plans may exceed their byte quotas, billed per GB at the overage rate.
/// </summary>
public static class Plans
{
    public const string Free = "free";
    public const string Startup = "startup";
    public const string Enterprise = "enterprise";

    private const long GB = 1_000_000_000;

    private static readonly Dictionary<string, TenantLimits> Defaults = new(StringComparer.Ordinal)
    {
        [Free] = Plan(bytesPerDay: 1 * GB, eventsPerSecond: 100, retentionDays: 1, samplingRate: 0.01,
            Features.Metrics | Features.Logs | Features.Traces, overageRate: 0m),
        [Startup] = Plan(bytesPerDay: 10 * GB, eventsPerSecond: 1_000, retentionDays: 7, samplingRate: 0.10, Features.All, overageRate: 0.25m),
        [Enterprise] = Plan(bytesPerDay: 10_000 * GB, eventsPerSecond: 1_000_000, retentionDays: 90, samplingRate: 1.0, Features.All, overageRate: 0.10m),
    };

    public static IReadOnlyList<string> Names { get; } = [Free, Startup, Enterprise];

    public static bool Exists(string name) => Defaults.ContainsKey(name);

    /// <summary>Every field of the plan's limits; throws for an unknown plan (callers validate names first).</summary>
    public static TenantLimits LimitsOf(string plan) =>
        Defaults.TryGetValue(plan, out var limits) ? limits : throw new ArgumentException($"unknown plan '{plan}'", nameof(plan));

    private static TenantLimits Plan(long bytesPerDay, long eventsPerSecond, int retentionDays, double samplingRate, Features features, decimal overageRate) =>
        new(eventsPerSecond, bytesPerDay, 30 * bytesPerDay, retentionDays * bytesPerDay, retentionDays, samplingRate, features, overageRate);
}
