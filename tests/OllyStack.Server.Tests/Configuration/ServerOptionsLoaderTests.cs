using OllyStack.Server.Configuration;

namespace OllyStack.Server.Tests.Configuration;

public sealed class ServerOptionsLoaderTests : IDisposable
{
    private static readonly Dictionary<string, string?> NoEnvironment = [];

    private readonly string directory = Path.Combine(Path.GetTempPath(), "ollystack-server-tests", Guid.NewGuid().ToString("N"));

    public ServerOptionsLoaderTests() => Directory.CreateDirectory(directory);

    public void Dispose()
    {
        if (Directory.Exists(directory)) Directory.Delete(directory, recursive: true);
    }

    private string Yaml(string text)
    {
        var path = Path.Combine(directory, "ollystack.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    private static ServerOptions Load(Dictionary<string, string> flags, Dictionary<string, string?>? environment = null) =>
        ServerOptionsLoader.Load(flags, environment ?? NoEnvironment);

    [Fact]
    public void NothingConfiguredGivesTheDefaults()
    {
        var options = Load([]);

        Assert.Equal(new ServerOptions(), options);
        Assert.Equal(("./data", "127.0.0.1", 4317, 4318, 8080), (options.DataDir, options.Listen, options.OtlpGrpcPort, options.OtlpHttpPort, options.HttpPort));
        Assert.True(options.WalFsync);
    }

    [Fact]
    public void YamlOverridesDefaultsEnvironmentOverridesYamlAndFlagsOverrideEverything()
    {
        var config = Yaml("""
            data_dir: /var/lib/ollystack
            listen: 0.0.0.0
            http_port: 9000
            otlp_grpc_port: 5000
            wal_fsync: false
            """);
        Dictionary<string, string?> environment = new()
        {
            ["OLLYSTACK_HTTP_PORT"] = "9100",
            ["OLLYSTACK_OTLP_GRPC_PORT"] = "5100",
            ["OLLYSTACK_MAX_REQUEST_BYTES"] = "2048",
            ["UNRELATED"] = "x",
        };
        Dictionary<string, string> flags = new() { ["config"] = config, ["otlp-grpc-port"] = "5200" };

        var options = Load(flags, environment);

        Assert.Equal(new ServerOptions
        {
            DataDir = "/var/lib/ollystack",   // yaml only
            Listen = "0.0.0.0",               // yaml only
            HttpPort = 9100,                  // environment over yaml
            OtlpGrpcPort = 5200,              // flag over environment over yaml
            MaxRequestBytes = 2048,           // environment only
            WalFsync = false,                 // yaml only
        }, options);
    }

    [Fact]
    public void EveryFlagHasItsSetting()
    {
        Dictionary<string, string> flags = new()
        {
            ["data-dir"] = "/d", ["listen"] = "::1", ["otlp-grpc-port"] = "1", ["otlp-http-port"] = "2", ["http-port"] = "65535",
            ["max-request-bytes"] = "1024", ["wal-segment-bytes"] = "4096", ["wal-fsync"] = "no", ["wal-max-queued-bytes"] = "1048576",
        };

        Assert.Equal(
            new ServerOptions
            {
                DataDir = "/d", Listen = "::1", OtlpGrpcPort = 1, OtlpHttpPort = 2, HttpPort = 65535, MaxRequestBytes = 1024,
                WalSegmentBytes = 4096, WalFsync = false, WalMaxQueuedBytes = 1048576,
            },
            Load(flags));
    }

    [Fact]
    public void MetricsStorageIsOnUnlessTheNodeIsIngestOnly()
    {
        Assert.True(Load([]).MetricsStorage);
        Assert.False(Load(new() { ["metrics-storage"] = "false" }).MetricsStorage);
        Assert.False(Load([], new() { ["OLLYSTACK_METRICS_STORAGE"] = "no" }).MetricsStorage);
    }

    [Fact]
    public void MetricsFlushIntervalAndRetentionAreDurations()
    {
        var options = Load(new() { ["metrics-flush-interval"] = "1m30s", ["metrics-retention"] = "90d" });

        Assert.Equal((TimeSpan.FromSeconds(90), TimeSpan.FromDays(90)), (options.MetricsFlushInterval, options.MetricsRetention));
        Assert.Equal((TimeSpan.FromSeconds(30), TimeSpan.FromDays(15)), (Load([]).MetricsFlushInterval, Load([]).MetricsRetention));
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["metrics-retention"] = "2h" }));
        Assert.Contains("metrics_retention must be a duration such as 30s, 12h or 15d, at least 1d, not '2h'", error.Message);
        Assert.Throws<ConfigurationException>(() => Load(new() { ["metrics-flush-interval"] = "soon" }));
    }

    [Fact]
    public void LogsAndTracesRetentionAreDurationsOfAtLeastAnHour()
    {
        var options = Load(new() { ["logs-retention"] = "30d" }, new() { ["OLLYSTACK_TRACES_RETENTION"] = "12h" });

        Assert.Equal((TimeSpan.FromDays(30), TimeSpan.FromHours(12)), (options.LogsRetention, options.TracesRetention));
        Assert.Equal((TimeSpan.FromDays(15), TimeSpan.FromDays(15)), (Load([]).LogsRetention, Load([]).TracesRetention));
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["traces-retention"] = "10m" }));
        Assert.Contains("traces_retention must be a duration such as 30s, 12h or 15d, at least 1h, not '10m'", error.Message);
    }

    [Fact]
    public void QueryCacheBytesDefaultsTo64MiBAndZeroTurnsItOff()
    {
        Assert.Equal(64L * 1024 * 1024, Load([]).QueryCacheBytes);
        Assert.Equal(0, Load(new() { ["query-cache-bytes"] = "0" }).QueryCacheBytes);
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["query-cache-bytes"] = "-1" }));
        Assert.Contains("query_cache_bytes must be a whole number of at least 0", error.Message);
    }

    [Fact]
    public void QueryWarmupIsOnUnlessTurnedOff()
    {
        Assert.True(Load([]).QueryWarmup);
        Assert.False(Load(new() { ["query-warmup"] = "false" }).QueryWarmup);
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["query-warmup"] = "sometimes" }));
        Assert.Contains("query_warmup", error.Message);
    }

    [Fact]
    public void ConfigFileCanBeNamedInTheEnvironment()
    {
        var config = Yaml("http_port: 9999\n");

        var options = Load([], new Dictionary<string, string?> { ["OLLYSTACK_CONFIG"] = config });

        Assert.Equal(9999, options.HttpPort);
    }

    [Fact]
    public void EmptyEnvironmentValuesAreIgnored()
    {
        var options = Load([], new Dictionary<string, string?> { ["OLLYSTACK_DATA_DIR"] = "", ["OLLYSTACK_LISTEN"] = null });

        Assert.Equal(new ServerOptions(), options);
    }

    [Fact]
    public void EmptyYamlFileChangesNothing()
    {
        Assert.Equal(new ServerOptions(), Load(new() { ["config"] = Yaml("") }));
    }

    [Theory]
    [InlineData("true", true)]
    [InlineData("YES", true)]
    [InlineData("1", true)]
    [InlineData("False", false)]
    [InlineData("no", false)]
    [InlineData("0", false)]
    public void BooleansAcceptTheUsualSpellings(string text, bool expected)
    {
        Assert.Equal(expected, Load(new() { ["wal-fsync"] = text }).WalFsync);
    }

    [Fact]
    public void TheControlPlaneStaysInTheDataFolderUnlessAPostgresDatabaseIsNamed()
    {
        const string url = "postgres://ollystack@db.example.com:5432/ollystack";

        Assert.Null(Load([]).ControlPlane);
        Assert.Equal(url, Load([], new() { ["OLLYSTACK_CONTROL_PLANE"] = url }).ControlPlane);
        Assert.Equal("Host=db;Database=olly", Load(new() { ["control-plane"] = "Host=db;Database=olly" }, new() { ["OLLYSTACK_CONTROL_PLANE"] = url }).ControlPlane);
        Assert.Equal(url, Load(new() { ["config"] = Yaml($"control_plane: {url}\n") }).ControlPlane);
    }

    [Theory]
    [InlineData("mysql://olly:secret@db/olly")]
    [InlineData("postgres://olly:secret@db/olly?colour=red")]
    public void AControlPlaneThatIsNotAPostgresDatabaseIsRefusedWithoutRepeatingItsPassword(string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["control-plane"] = value }));

        Assert.StartsWith("control_plane must be a PostgreSQL URL such as postgres://", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void MissingConfigFileIsNamed()
    {
        var missing = Path.Combine(directory, "nope.yaml");

        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = missing }));

        Assert.Contains(missing, error.Message);
    }

    [Fact]
    public void UnknownYamlKeyIsNamedWithItsFileAndLine()
    {
        var config = Yaml("http_port: 9000\nhttp_prot: 9001\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = config }));

        Assert.Contains(config, error.Message);
        Assert.Contains("line 2", error.Message);
        Assert.Contains("unknown setting 'http_prot'", error.Message);
    }

    [Fact]
    public void UnknownFlagIsNamed()
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["data-directory"] = "/x" }));

        Assert.Contains("unknown option --data-directory", error.Message);
        Assert.Contains("--data-dir", error.Message);
    }

    [Theory]
    [InlineData("otlp-http-port", "0")]
    [InlineData("otlp-http-port", "65536")]
    [InlineData("otlp-http-port", "-1")]
    [InlineData("otlp-http-port", "http")]
    [InlineData("http-port", "80.5")]
    [InlineData("otlp-grpc-port", "")]
    public void BadPortIsNamed(string flag, string value)
    {
        var error = Assert.Throws<ConfigurationException>(() => Load(new() { [flag] = value }));

        Assert.StartsWith(flag.Replace('-', '_'), error.Message);
    }

    [Theory]
    [InlineData("max_request_bytes", "16MB")]
    [InlineData("max_request_bytes", "100")]
    [InlineData("wal_segment_bytes", "lots")]
    [InlineData("wal_max_queued_bytes", "1e9")]
    [InlineData("wal_fsync", "maybe")]
    public void NonNumericOrOutOfRangeValuesAreNamed(string key, string value)
    {
        var fromYaml = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = Yaml($"{key}: \"{value}\"\n") }));
        var fromEnvironment = Assert.Throws<ConfigurationException>(() => Load([], new() { ["OLLYSTACK_" + key.ToUpperInvariant()] = value }));

        Assert.StartsWith(key, fromYaml.Message);
        Assert.Contains($"'{value}'", fromYaml.Message);
        Assert.StartsWith(key, fromEnvironment.Message);
    }

    [Fact]
    public void YamlThatIsNotAMappingIsRefused()
    {
        var config = Yaml("- data_dir\n- listen\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = config }));

        Assert.Contains("mapping", error.Message);
    }

    [Fact]
    public void NestedYamlValueIsRefused()
    {
        var config = Yaml("listen:\n  address: 0.0.0.0\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = config }));

        Assert.Contains("'listen' must be a single value", error.Message);
    }

    [Fact]
    public void BrokenYamlIsReportedWithItsLine()
    {
        var config = Yaml("http_port: 9000\nlisten: [unclosed\n");

        var error = Assert.Throws<ConfigurationException>(() => Load(new() { ["config"] = config }));

        Assert.Contains(config, error.Message);
        Assert.Contains("line", error.Message);
    }
}
