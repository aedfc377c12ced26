using System.Globalization;
using OllyStack.ControlPlane.Store;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Server.Configuration;

/// <summary>
/// Builds <see cref="ServerOptions"/> from, in rising precedence: defaults, <c>ollystack.yaml</c> (or the file
/// named by <c>--config</c>), <c>OLLYSTACK_*</c> environment variables, then command-line flags.
/// Each setting has one key, spelled <c>data_dir</c> in YAML, <c>OLLYSTACK_DATA_DIR</c> in the environment
/// and <c>--data-dir</c> on the command line.
/// </summary>
public static class ServerOptionsLoader
{
    public static readonly string[] Keys =
    [
        "data_dir", "control_plane", "listen", "otlp_grpc_port", "otlp_http_port", "http_port", "max_request_bytes",
        "wal_segment_bytes", "wal_fsync", "wal_max_queued_bytes", "metrics_storage", "metrics_flush_interval",
        "metrics_retention", "logs_storage", "logs_flush_interval", "logs_retention", "traces_storage",
        "traces_flush_interval", "traces_retention", "query_cache_bytes", "query_warmup", "rules_dir", "rule_evaluation_interval",
        "external_url", "session_idle_timeout", "session_lifetime", .. OidcSection.Keys,
    ];

    public static ServerOptions Load(IReadOnlyDictionary<string, string> flags, IReadOnlyDictionary<string, string?> environment)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        var configPath = flags.GetValueOrDefault("config") ?? environment.GetValueOrDefault("OLLYSTACK_CONFIG");
        if (configPath is not null && !File.Exists(configPath))
            throw new ConfigurationException($"configuration file '{configPath}' does not exist");
        configPath ??= File.Exists("ollystack.yaml") ? "ollystack.yaml" : null;
        if (configPath is not null) ReadYaml(configPath, settings);
        foreach (var key in Keys)
            if (environment.GetValueOrDefault("OLLYSTACK_" + key.ToUpperInvariant()) is { Length: > 0 } value) settings[key] = value;
        foreach (var (flag, value) in flags)
        {
            var key = flag.Replace('-', '_');
            if (key == "config") continue;
            if (!Keys.Contains(key)) throw new ConfigurationException($"unknown option --{flag}; known: {string.Join(", ", Keys.Select(k => "--" + k.Replace('_', '-')))}");
            settings[key] = value;
        }
        return Build(settings);
    }

    private static ServerOptions Build(Dictionary<string, string> s)
    {
        var defaults = new ServerOptions();
        return new ServerOptions
        {
            DataDir = s.GetValueOrDefault("data_dir") ?? defaults.DataDir,
            ControlPlane = s.GetValueOrDefault("control_plane") is { Length: > 0 } controlPlane ? Postgres(controlPlane) : null,
            Listen = s.GetValueOrDefault("listen") ?? defaults.Listen,
            OtlpGrpcPort = Port(s, "otlp_grpc_port", defaults.OtlpGrpcPort),
            OtlpHttpPort = Port(s, "otlp_http_port", defaults.OtlpHttpPort),
            HttpPort = Port(s, "http_port", defaults.HttpPort),
            MaxRequestBytes = Long(s, "max_request_bytes", defaults.MaxRequestBytes, 1024),
            WalSegmentBytes = Long(s, "wal_segment_bytes", defaults.WalSegmentBytes, 4096),
            WalFsync = Bool(s, "wal_fsync", defaults.WalFsync),
            WalMaxQueuedBytes = Long(s, "wal_max_queued_bytes", defaults.WalMaxQueuedBytes, 1024 * 1024),
            MetricsStorage = Bool(s, "metrics_storage", defaults.MetricsStorage),
            MetricsFlushInterval = Duration(s, "metrics_flush_interval", defaults.MetricsFlushInterval, TimeSpan.FromMilliseconds(100)),
            MetricsRetention = Duration(s, "metrics_retention", defaults.MetricsRetention, TimeSpan.FromDays(1)),
            LogsStorage = Bool(s, "logs_storage", defaults.LogsStorage),
            LogsFlushInterval = Duration(s, "logs_flush_interval", defaults.LogsFlushInterval, TimeSpan.FromMilliseconds(100)),
            LogsRetention = Duration(s, "logs_retention", defaults.LogsRetention, TimeSpan.FromHours(1)),
            TracesStorage = Bool(s, "traces_storage", defaults.TracesStorage),
            TracesFlushInterval = Duration(s, "traces_flush_interval", defaults.TracesFlushInterval, TimeSpan.FromMilliseconds(100)),
            TracesRetention = Duration(s, "traces_retention", defaults.TracesRetention, TimeSpan.FromHours(1)),
            QueryCacheBytes = Long(s, "query_cache_bytes", defaults.QueryCacheBytes, 0),
            QueryWarmup = Bool(s, "query_warmup", defaults.QueryWarmup),
            RulesDir = s.GetValueOrDefault("rules_dir") is { Length: > 0 } rulesDir ? rulesDir : null,
            RuleEvaluationInterval = Duration(s, "rule_evaluation_interval", defaults.RuleEvaluationInterval, TimeSpan.FromMilliseconds(100)),
            ExternalUrl = s.GetValueOrDefault("external_url") is { Length: > 0 } url ? Url(url) : null,
            SessionIdleTimeout = Duration(s, "session_idle_timeout", defaults.SessionIdleTimeout, TimeSpan.FromMinutes(1)),
            SessionLifetime = Duration(s, "session_lifetime", defaults.SessionLifetime, TimeSpan.FromMinutes(1)),
            Oidc = OidcSection.Build(s),
        };
    }

    private static void ReadYaml(string path, Dictionary<string, string> settings)
    {
        var yaml = new YamlStream();
        try
        {
            using var reader = new StreamReader(path);
            yaml.Load(reader);
        }
        catch (YamlDotNet.Core.YamlException e)
        {
            throw new ConfigurationException($"{path} line {e.Start.Line}: {e.Message}");
        }
        if (yaml.Documents.Count == 0) return;
        if (yaml.Documents[0].RootNode is not YamlMappingNode root)
            throw new ConfigurationException($"{path}: the top level must be a mapping of settings");
        foreach (var (keyNode, valueNode) in root.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            if (key == OidcSection.Name && valueNode is YamlMappingNode section)
            {
                ReadSection(path, key, section, settings);
                continue;
            }
            if (!Keys.Contains(key)) throw new ConfigurationException($"{path} line {keyNode.Start.Line}: unknown setting '{key}'; known: {string.Join(", ", Keys)}");
            if (valueNode is not YamlScalarNode scalar) throw new ConfigurationException($"{path} line {valueNode.Start.Line}: '{key}' must be a single value");
            settings[key] = scalar.Value ?? "";
        }
    }

    /// <summary>A section such as <c>oidc:</c>, whose <c>issuer</c> is the setting <c>oidc_issuer</c>.</summary>
    private static void ReadSection(string path, string name, YamlMappingNode section, Dictionary<string, string> settings)
    {
        foreach (var (keyNode, valueNode) in section.Children)
        {
            var key = $"{name}_{((YamlScalarNode)keyNode).Value}";
            if (!Keys.Contains(key))
                throw new ConfigurationException($"{path} line {keyNode.Start.Line}: unknown setting '{((YamlScalarNode)keyNode).Value}' in '{name}'; known: {string.Join(", ", Keys.Where(k => k.StartsWith(name + "_", StringComparison.Ordinal)).Select(k => k[(name.Length + 1)..]))}");
            if (valueNode is not YamlScalarNode scalar) throw new ConfigurationException($"{path} line {valueNode.Start.Line}: '{name}.{((YamlScalarNode)keyNode).Value}' must be a single value");
            settings[key] = scalar.Value ?? "";
        }
    }

    private static int Port(Dictionary<string, string> s, string key, int fallback)
    {
        var value = Long(s, key, fallback, 1);
        if (value > 65535) throw new ConfigurationException($"{key} must be a port between 1 and 65535, not {value}");
        return (int)value;
    }

    private static long Long(Dictionary<string, string> s, string key, long fallback, long minimum)
    {
        if (!s.TryGetValue(key, out var text)) return fallback;
        if (!long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < minimum)
            throw new ConfigurationException($"{key} must be a whole number of at least {minimum}, not '{text}'");
        return value;
    }

    internal static TimeSpan Duration(Dictionary<string, string> s, string key, TimeSpan fallback, TimeSpan minimum)
    {
        if (!s.TryGetValue(key, out var text)) return fallback;
        if (!Query.PromQL.DurationFormat.TryParse(text, out var value, out _) || value < minimum)
            throw new ConfigurationException($"{key} must be a duration such as 30s, 12h or 15d, at least {Query.PromQL.DurationFormat.Format(minimum)}, not '{text}'");
        return value;
    }

    private static string Url(string text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? text.TrimEnd('/')
            : throw new ConfigurationException($"external_url must be an absolute http(s) URL such as https://ollystack.example.com, not '{text}'");

    /// <summary>Checks the setting's form now, so a typo stops the start with a message rather than a failed connection.</summary>
    private static string Postgres(string text)
    {
        try
        {
            PostgresConnectionString.Parse(text);
            return text;
        }
        catch (ArgumentException e)
        {
            throw new ConfigurationException($"control_plane must be a PostgreSQL URL such as postgres://ollystack@db.example.com:5432/ollystack, or Npgsql settings: {e.Message}");
        }
    }

    private static bool Bool(Dictionary<string, string> s, string key, bool fallback)
    {
        if (!s.TryGetValue(key, out var text)) return fallback;
        return text.ToLowerInvariant() switch
        {
            "true" or "yes" or "1" => true,
            "false" or "no" or "0" => false,
            _ => throw new ConfigurationException($"{key} must be true or false, not '{text}'"),
        };
    }
}
