using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// The real `ollystack serve` in a child process on free loopback ports with its own temporary data folder.
/// Can be killed with SIGKILL and started again on the same data, which is how the crash tests work.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly StringBuilder _output = new();
    private Process? _process;

    private ServerProcess(string dataDir)
    {
        DataDir = dataDir;
        GrpcPort = FreePort.Next();
        OtlpHttpPort = FreePort.Next();
        HttpPort = FreePort.Next();
    }

    public string DataDir { get; }

    public int GrpcPort { get; }

    public int OtlpHttpPort { get; }

    public int HttpPort { get; }

    /// <summary>Peak resident memory of the running server (VmHWM), in bytes.</summary>
    public long PeakResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process!.Id}/status"))
            if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
                return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        throw new InvalidOperationException("no VmHWM in /proc status");
    }

    public string AdminKey => File.ReadAllText(Path.Combine(DataDir, "bootstrap-admin.key")).Trim();

    public Uri GrpcEndpoint => new($"http://127.0.0.1:{GrpcPort}");

    public Uri OtlpHttpEndpoint => new($"http://127.0.0.1:{OtlpHttpPort}");

    public Uri ApiEndpoint => new($"http://127.0.0.1:{HttpPort}");

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public static async Task<ServerProcess> StartAsync(params string[] extraArgs)
    {
        var dataDir = Directory.CreateTempSubdirectory("ollystack-e2e-").FullName;
        var server = new ServerProcess(dataDir);
        await server.StartAgainAsync(extraArgs);
        return server;
    }

    /// <summary>Starts the binary (again) on the same data folder and ports, and waits until /readyz says so.</summary>
    public async Task StartAgainAsync(params string[] extraArgs)
    {
        if (!File.Exists(RepositoryPaths.ServerDll)) throw new FileNotFoundException("build the server first (dotnet build -c " + RepositoryPaths.Configuration + ")", RepositoryPaths.ServerDll);
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
                 {
                     RepositoryPaths.ServerDll, "serve", "--data-dir", DataDir, "--listen", "127.0.0.1",
                     "--otlp-grpc-port", GrpcPort.ToString(), "--otlp-http-port", OtlpHttpPort.ToString(), "--http-port", HttpPort.ToString(),
                 }.Concat(WithoutWarmupUnlessAsked(extraArgs)))
            info.ArgumentList.Add(arg);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        using var http = new HttpClient();
        await Poll.UntilAsync(async () =>
        {
            if (process.HasExited) throw new InvalidOperationException($"ollystack exited with {process.ExitCode}:\n{Output}");
            try
            {
                return (await http.GetAsync(new Uri(ApiEndpoint, "/readyz"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "ollystack to become ready");
    }

    /// <summary>
    /// The query warm-up spends seconds of CPU right after each start; the suite starts the server over a hundred
    /// times on two cores, so only the tests that ask for it get it.
    /// </summary>
    private static IEnumerable<string> WithoutWarmupUnlessAsked(string[] extraArgs) =>
        extraArgs.Contains("--query-warmup") ? extraArgs : [.. extraArgs, "--query-warmup", "false"];

    /// <summary>SIGKILL: no shutdown code runs, exactly like a crash or the OOM killer.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>SIGTERM and wait: the graceful path.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString()])) await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
        _process = null;
    }

    public HttpClient ApiClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = ApiEndpoint };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return client;
    }

    public HttpClient PushClient(string? key = null)
    {
        var client = new HttpClient { BaseAddress = OtlpHttpEndpoint };
        if (key != "") client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key ?? AdminKey);
        return client;
    }

    /// <summary>Reads a counter from /metrics; 0 when the series does not exist yet.</summary>
    public async Task<double> MetricAsync(string series)
    {
        using var http = new HttpClient();
        var text = await http.GetStringAsync(new Uri(ApiEndpoint, "/metrics"));
        foreach (var line in text.Split('\n'))
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
                return double.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        try
        {
            Directory.Delete(DataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (_output) _output.AppendLine(line);
    }
}
