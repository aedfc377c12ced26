using OllyStack.ControlPlane.Store;
using OllyStack.Server.Configuration;

namespace OllyStack.Server.Cli;

/// <summary>The `ollystack` command tree: serve, tenant ..., key ..., user ..., role ..., wal inspect, version.</summary>
public static class Commands
{
    public const string Usage = """
        usage: ollystack <command> [options]

          serve                 run the platform (OTLP 4317/4318, API 8080, data in ./data)
              --data-dir DIR --listen ADDR --otlp-grpc-port N --otlp-http-port N --http-port N --config FILE
              --control-plane postgres://USER@HOST:5432/DB   share tenants, keys, users and audit with other nodes
          tenant create NAME [--plan free|startup|enterprise] [LIMITS]   create a tenant (default plan free)
          tenant list | show NAME                                       list tenants, or one with every limit
          tenant update NAME [--plan P] [LIMITS]                        change a tenant's plan or limits
          tenant suspend NAME | resume NAME | delete NAME
              LIMITS: --max-events-per-second N --max-bytes-per-day N --max-bytes-per-month N
              --max-storage-bytes N --retention-days N --sampling-rate F --allowed-features metrics,logs,traces,ml
              --overage-rate USD_PER_GB; the value 'plan' returns a limit to the plan's default
          key create --tenant T [--name N] [--scopes ingest,query,admin] [--expires-at RFC3339]
                                create an API key (printed once)
          key list [--tenant T]                                            list keys
          key revoke ID --tenant T                                         revoke a key
          key rotate ID --tenant T [--overlap 24h]   a successor key; the old one works for the overlap
          user create NAME [--tenant T] [--role R] [--email E] --password-stdin
                                create a local user (role viewer unless given; the password is read from stdin)
          user list [--tenant T] | show NAME [--tenant T]                 list users, or one
          user update NAME [--tenant T] [--role R] [--email E] [--disabled true|false] [--password-stdin]
          user delete NAME [--tenant T]                                    delete a user and end its sessions
          role create NAME --permissions P,P [--tenant T]    a role of the tenant's own, e.g. metrics:read,alerts:manage
          role list [--tenant T] | delete NAME [--tenant T]               built-in and own roles; delete an own role
              tenant, key, user and role commands talk to a running server: --server URL (default http://127.0.0.1:8080),
              --admin-key KEY (default: $OLLYSTACK_ADMIN_KEY, then <data-dir>/bootstrap-admin.key), --json;
              user and role commands act on the admin key's own tenant unless --tenant names another
          usage [--tenant T] [--start TIME] [--end TIME] [--step day|hour]
                                a tenant's metered usage (default: this month, per day)
          cost [--tenant T] [--start TIME] [--end TIME]      the cost of a tenant's metered period
          cost --ingest-bytes-per-day 100TB --retention-days 30 [--compression-ratio 12] ...
                                a what-if with the cost calculator (docs/cost.md lists every field)
              usage and cost talk to a running server like the tenant commands
          audit verify [--data-dir DIR | --control-plane URL]   check the audit log's hash chain (read-only, from the
                                data folder or the shared PostgreSQL database, as serve's settings say)
          audit list [--tenant T] [--action A] [--limit N] [--after SEQ]   audit entries from a running server
          wal inspect [--data-dir DIR] [--topic T] [--records N] [--from OFFSET] [--verify]
                                read-only view of the write-ahead log: segments, groups, records
          version               print the version
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        CommandLine line;
        try
        {
            line = CommandLine.Parse(args);
        }
        catch (ArgumentException e)
        {
            return Fail(e.Message);
        }
        if (line.Words.Count == 0 || line.Has("help"))
        {
            Console.WriteLine(Usage);
            return line.Words.Count == 0 && !line.Has("help") ? 2 : 0;
        }
        try
        {
            return line.Words[0] switch
            {
                "serve" => await ServeAsync(line),
                "key" => await KeyCommand.RunAsync(line),
                "tenant" => await TenantCommand.RunAsync(line),
                "user" => await UserCommand.RunAsync(line),
                "role" => await RoleCommand.RunAsync(line),
                "usage" => await UsageCommand.RunUsageAsync(line),
                "cost" => await UsageCommand.RunCostAsync(line),
                "audit" => await AuditCommand.RunAsync(line),
                "wal" => WalCommand.Run(line),
                "version" => Version(),
                _ => Fail($"unknown command '{line.Words[0]}'\n\n{Usage}"),
            };
        }
        catch (Exception e) when (e is ConfigurationException or ControlPlaneStoreException)
        {
            return Fail(e.Message);
        }
    }

    private static async Task<int> ServeAsync(CommandLine line)
    {
        var options = ServerOptionsLoader.Load(line.Flags, EnvironmentVariables());
        return await Hosting.ServerHost.RunAsync(options, Console.Out, CancellationToken.None);
    }

    /// <summary>The process's environment, where <see cref="ServerOptionsLoader"/> finds the OLLYSTACK_* settings.</summary>
    public static Dictionary<string, string?> EnvironmentVariables() =>
        Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>().ToDictionary(e => (string)e.Key, e => (string?)e.Value);

    private static int Version()
    {
        Console.WriteLine($"ollystack {typeof(Commands).Assembly.GetName().Version}");
        return 0;
    }

    public static int Fail(string message)
    {
        Console.Error.WriteLine($"error: {message}");
        return 2;
    }
}
