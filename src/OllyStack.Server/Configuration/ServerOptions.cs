using OllyStack.ControlPlane.Oidc;

namespace OllyStack.Server.Configuration;

/// <summary>Everything `ollystack serve` can be told; defaults give the zero-configuration single node.</summary>
public sealed record ServerOptions
{
    public string DataDir { get; init; } = "./data";

    /// <summary>
    /// The PostgreSQL database that holds the control plane (tenants, keys, users, roles, sessions, audit, usage) for
    /// every node that names it: a postgres:// URL or Npgsql settings. Null: SQLite in the data folder, for one node.
    /// </summary>
    public string? ControlPlane { get; init; }

    /// <summary>The address every port binds to; loopback unless told otherwise.</summary>
    public string Listen { get; init; } = "127.0.0.1";

    public int OtlpGrpcPort { get; init; } = 4317;

    public int OtlpHttpPort { get; init; } = 4318;

    public int HttpPort { get; init; } = 8080;

    public long MaxRequestBytes { get; init; } = 16 * 1024 * 1024;

    public long WalSegmentBytes { get; init; } = 64 * 1024 * 1024;

    /// <summary>Only for throwaway benchmarks and tests: without fsync an acknowledged record can be lost on power failure.</summary>
    public bool WalFsync { get; init; } = true;

    public long WalMaxQueuedBytes { get; init; } = 256L * 1024 * 1024;

    /// <summary>
    /// Whether this node applies the metrics topic to its store and answers metric queries. Off for an ingest-only
    /// gateway node: it then only receives, admits and logs.
    /// </summary>
    public bool MetricsStorage { get; init; } = true;

    /// <summary>How often metric samples in memory are written to parts on disk; bounds what a restart replays.</summary>
    public TimeSpan MetricsFlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long metric samples are kept, behind each tenant's newest sample.</summary>
    public TimeSpan MetricsRetention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Whether this node applies the logs topic to its log store and answers log queries (off for an ingest-only gateway node).</summary>
    public bool LogsStorage { get; init; } = true;

    /// <summary>How often log records in memory are written to parts on disk; bounds what a restart replays.</summary>
    public TimeSpan LogsFlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long log records are kept, behind each tenant's newest record.</summary>
    public TimeSpan LogsRetention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Whether this node applies the traces topic to its span store and answers trace queries (off for an ingest-only gateway node).</summary>
    public bool TracesStorage { get; init; } = true;

    /// <summary>How often spans in memory are written to parts on disk; bounds what a restart replays.</summary>
    public TimeSpan TracesFlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long spans are kept, behind each tenant's newest span.</summary>
    public TimeSpan TracesRetention { get; init; } = TimeSpan.FromDays(15);

    /// <summary>Memory for range query results over settled data, reused when dashboards repeat queries; 0 turns the cache off.</summary>
    public long QueryCacheBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>
    /// Whether the server runs its query path over a small synthetic store right after starting, so the first
    /// dashboard loads find it compiled optimized (see <see cref="OllyStack.Query.Warmup.QueryWarmup"/>).
    /// </summary>
    public bool QueryWarmup { get; init; } = true;

    /// <summary>A further folder of rule files, <c>&lt;folder&gt;/&lt;tenant&gt;/*.yaml</c>, beside <c>&lt;data-dir&gt;/rules</c>; read-only through the rules API.</summary>
    public string? RulesDir { get; init; }

    /// <summary>How often rule groups that set no interval are evaluated (and rules that cannot stream).</summary>
    public TimeSpan RuleEvaluationInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The URL people reach this server at, for links in alerts and the single sign-on redirect; null: its API address.</summary>
    public string? ExternalUrl { get; init; }

    /// <summary>A browser session unused this long ends.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A browser session ends this long after sign-in however much it is used.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(7);

    /// <summary>The OpenID Connect provider for single sign-on and bearer tokens (the <c>oidc:</c> section); null: none.</summary>
    public OidcSettings? Oidc { get; init; }
}
