using System.Diagnostics;
using Npgsql;

namespace OllyStack.Testing;

/// <summary>
/// A throwaway PostgreSQL server (Debian package <c>postgresql</c>) on a free 127.0.0.1 port with a temporary data
/// folder, trusting every local login, without fsync: made for tests, discarded afterwards. PostgreSQL refuses to run
/// as root, so under root the folder is given to the <c>postgres</c> system user and the server runs as that user.
/// </summary>
internal sealed class PostgresServer : IAsyncDisposable
{
    private const string SuperUser = "postgres";

    private readonly string _bin;
    private readonly string _dir;

    private PostgresServer(string bin, string dir, int port)
    {
        _bin = bin;
        _dir = dir;
        Port = port;
    }

    /// <summary>Why no server can be started here (the server binaries are not installed), or null.</summary>
    public static string? MissingReason => FindBin() is null
        ? "PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin: install the Debian package 'postgresql' (scripts/install-test-deps.sh does)"
        : null;

    public int Port { get; }

    private string DataDir => Path.Combine(_dir, "data");

    /// <summary>Starts a new server and waits until it accepts connections; fails saying what is missing if it cannot.</summary>
    public static async Task<PostgresServer> StartAsync()
    {
        var bin = FindBin() ?? throw new InvalidOperationException(MissingReason);
        var dir = Directory.CreateTempSubdirectory("ollystack-postgres-").FullName;
        if (Environment.IsPrivilegedProcess) await RunAsync("chown", SuperUser, dir);
        var server = new PostgresServer(bin, dir, FreePort());
        try
        {
            await server.RunAsServerUserAsync("initdb", "-D", server.DataDir, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--no-sync");
            // -w waits until the server accepts connections; -k keeps its socket in the temporary folder, not /var/run.
            await server.RunAsServerUserAsync("pg_ctl", "start", "-w", "-t", "60", "-D", server.DataDir, "-l", Path.Combine(dir, "server.log"), "-o",
                $"-h 127.0.0.1 -p {server.Port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200");
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
        return server;
    }

    /// <summary>Npgsql settings for <paramref name="database"/> as the superuser; pools are per test so none outlives its database.</summary>
    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1", Port = Port, Username = SuperUser, Database = database, Timeout = 30,
    }.ConnectionString;

    /// <summary>The same database as a postgres:// URL, the form operators give.</summary>
    public string Url(string database) => $"postgres://{SuperUser}@127.0.0.1:{Port}/{database}";

    /// <summary>A new, empty database of its own name.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "ollystack_" + Guid.NewGuid().ToString("N")[..12];
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await command.ExecuteNonQueryAsync();
        return name;
    }

    public string Log => File.Exists(Path.Combine(_dir, "server.log")) ? File.ReadAllText(Path.Combine(_dir, "server.log")) : "";

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        // Immediate: the data is thrown away, so there is nothing to shut down cleanly for.
        if (File.Exists(Path.Combine(DataDir, "postmaster.pid")))
            await RunAsServerUserAsync("pg_ctl", "stop", "-w", "-m", "immediate", "-D", DataDir);
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The newest installed server version's binaries, found by their folder rather than PATH (Debian does not put them on it).</summary>
    private static string? FindBin() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(version => Path.Combine(version, "bin"))
                .Where(bin => File.Exists(Path.Combine(bin, "postgres")) && File.Exists(Path.Combine(bin, "initdb")) && File.Exists(Path.Combine(bin, "pg_ctl")))
                .OrderByDescending(bin => int.TryParse(Path.GetFileName(Path.GetDirectoryName(bin)), out var major) ? major : 0)
                .FirstOrDefault()
            : null;

    private Task RunAsServerUserAsync(string tool, params string[] args) =>
        Environment.IsPrivilegedProcess
            ? RunAsync("runuser", ["-u", SuperUser, "--", Path.Combine(_bin, tool), .. args])
            : RunAsync(Path.Combine(_bin, tool), args);

    private static async Task RunAsync(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited with {process.ExitCode}:\n{await output}{await error}");
    }

    /// <summary>A TCP port on 127.0.0.1 that nothing listens on right now.</summary>
    public static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
