using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OllyStack.Benchmarks.Load;

/// <summary>
/// A server under load in its own process on loopback, with a temporary data folder: OllyStack (the real binary),
/// VictoriaMetrics or Prometheus (the Debian packages). Reads the process's CPU time and peak memory from /proc.
/// </summary>
public sealed class TargetServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _dataDir;

    private TargetServer(string name, Process process, string dataDir, Uri pushBase, Uri apiBase, string? key)
    {
        Name = name;
        _process = process;
        _dataDir = dataDir;
        PushBase = pushBase;
        ApiBase = apiBase;
        Key = key;
    }

    public string Name { get; }

    public Uri PushBase { get; }

    public Uri ApiBase { get; }

    public string? Key { get; }

    public string DataDir => _dataDir;

    /// <summary>The Release build of the server in this checkout (the benchmarks do not build it themselves).</summary>
    public static string OllyStackServerDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "OllyStack.Server", "bin", "Release", "net10.0", "ollystack.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException("build the server first: dotnet build src/OllyStack.Server -c Release");
    }

    public static Task<TargetServer> StartOllyStackAsync(string serverDll, bool fsync, bool metricsStorage, params string[] extraArgs) =>
        StartOllyStackAsync(serverDll, fsync, metricsStorage, _ => Task.CompletedTask, extraArgs);

    /// <summary>
    /// As above, with <paramref name="prepare"/> given the fresh data folder before the server starts: for what the
    /// server reads only at start (rule files, Alertmanager configurations).
    /// </summary>
    public static async Task<TargetServer> StartOllyStackAsync(string serverDll, bool fsync, bool metricsStorage, Func<string, Task> prepare, params string[] extraArgs)
    {
        var dataDir = Directory.CreateTempSubdirectory("ollystack-bench-").FullName;
        await prepare(dataDir);
        int grpc = FreePort(), push = FreePort(), api = FreePort();
        var process = Start("dotnet", [serverDll, "serve", "--data-dir", dataDir, "--otlp-grpc-port", grpc.ToString(CultureInfo.InvariantCulture),
            "--otlp-http-port", push.ToString(CultureInfo.InvariantCulture), "--http-port", api.ToString(CultureInfo.InvariantCulture),
            "--wal-fsync", fsync ? "true" : "false", "--metrics-storage", metricsStorage ? "true" : "false", .. extraArgs]);
        var apiBase = new Uri($"http://127.0.0.1:{api}");
        await WaitReadyAsync(process, new Uri(apiBase, "/readyz"));
        var key = (await File.ReadAllTextAsync(Path.Combine(dataDir, "bootstrap-admin.key"))).Trim();
        await LiftDefaultEventRateAsync(apiBase, key);
        return new TargetServer(metricsStorage ? "ollystack" : "ollystack (ingest only)", process, dataDir, new Uri($"http://127.0.0.1:{push}"), apiBase, key);
    }

    /// <summary>
    /// The benchmarks send as the <c>default</c> tenant, whose plan admits a million events per second: more than one
    /// node's flat-out ingest would then measure the quota's 429s, not the engine (the peers have no such limit).
    /// </summary>
    private static async Task LiftDefaultEventRateAsync(Uri apiBase, string key)
    {
        using var client = new HttpClient { BaseAddress = apiBase };
        client.DefaultRequestHeaders.Authorization = new("Bearer", key);
        using var body = new StringContent($"{{\"limits\":{{\"max_events_per_second\":{UnlimitedEventsPerSecond}}}}}", System.Text.Encoding.UTF8, "application/json");
        using var answer = await client.PatchAsync("/api/v1/admin/tenants/default", body);
        if (!answer.IsSuccessStatusCode)
            throw new InvalidOperationException($"cannot lift the default tenant's event rate: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}");
    }

    private const long UnlimitedEventsPerSecond = 1_000_000_000_000;

    public static async Task<TargetServer> StartVictoriaMetricsAsync(string binary, params string[] extraArgs)
    {
        var dataDir = Directory.CreateTempSubdirectory("victoria-bench-").FullName;
        var port = FreePort();
        var process = Start(binary, [$"-storageDataPath={dataDir}", $"-httpListenAddr=127.0.0.1:{port}", "-loggerLevel=ERROR", .. extraArgs]);
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await WaitReadyAsync(process, new Uri(baseUri, "/health"));
        return new TargetServer("victoria-metrics", process, dataDir, baseUri, baseUri, null);
    }

    /// <summary>
    /// Prometheus as a remote-write receiver: by default a configuration without scrape jobs; the TSDB in
    /// <c>&lt;data&gt;/tsdb</c>, and the admin API on (snapshots) since it listens on loopback only.
    /// <paramref name="configure"/>, given the fresh data folder, writes what its configuration refers to there
    /// (rule files) and returns the configuration's text.
    /// </summary>
    public static async Task<TargetServer> StartPrometheusAsync(string binary, Func<string, Task<string>>? configure = null)
    {
        var dataDir = Directory.CreateTempSubdirectory("prometheus-bench-").FullName;
        var config = Path.Combine(dataDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, configure is null ? "global:\n  scrape_interval: 1m\n" : await configure(dataDir));
        var port = FreePort();
        var process = Start(binary, $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dataDir, "tsdb")}",
            $"--web.listen-address=127.0.0.1:{port}", "--web.enable-remote-write-receiver", "--web.enable-admin-api", "--log.level=warn");
        var baseUri = new Uri($"http://127.0.0.1:{port}");
        await WaitReadyAsync(process, new Uri(baseUri, "/-/ready"));
        return new TargetServer("prometheus", process, dataDir, baseUri, baseUri, null);
    }

    /// <summary>User plus system CPU seconds the process has used so far.</summary>
    public double CpuSeconds()
    {
        var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        // Fields 14 and 15 of /proc/pid/stat (utime, stime) in clock ticks; after the command name they are at 11 and 12.
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>Peak resident memory (VmHWM) in bytes.</summary>
    public long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        return 0;
    }

    public long DataBytes() => new DirectoryInfo(_dataDir).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => f.Length);

    /// <summary>
    /// Asks the server to shut down (SIGTERM, as systemd and Kubernetes do) and waits for it to exit, so whatever it
    /// writes on a clean stop is on disk; kills it after <paramref name="timeout"/>. Returns whether it stopped on its own.
    /// </summary>
    public async Task<bool> StopGracefullyAsync(TimeSpan timeout)
    {
        if (_process.HasExited) return true;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(deadline.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        Directory.Delete(_dataDir, recursive: true);
    }

    private static Process Start(string file, params string[] args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args) info.ArgumentList.Add(arg);
        var process = Process.Start(info) ?? throw new InvalidOperationException($"cannot start {file}");
        // The last lines of standard output, for the error when the process exits before it is ready (OllyStack
        // prints why there, e.g. a port another process took between FreePort and its start).
        var output = new Queue<string>();
        StartupOutput.Add(process, output);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null) return;
            lock (output)
            {
                output.Enqueue(e.Data);
                if (output.Count > 10) output.Dequeue();
            }
        };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) Console.Error.WriteLine($"[{Path.GetFileName(file)}] {e.Data}"); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<Process, Queue<string>> StartupOutput = [];

    private static string LastOutput(Process process)
    {
        process.WaitForExit(); // the output's last lines are read by then
        if (!StartupOutput.TryGetValue(process, out var output)) return "";
        lock (output) return string.Join(" | ", output);
    }

    private static async Task WaitReadyAsync(Process process, Uri probe)
    {
        using var http = new HttpClient();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (process.HasExited) throw new InvalidOperationException($"{process.StartInfo.FileName} exited with {process.ExitCode}: {LastOutput(process)}");
            try
            {
                if ((await http.GetAsync(probe)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"{probe} did not answer within 60 s");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
