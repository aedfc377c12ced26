using System.Diagnostics;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A real Prometheus (Debian package) on a free loopback port with a temporary data folder, no scrape jobs and the
/// remote-write receiver on: the reference the compliance test compares OllyStack's answers with.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    private readonly CapturedProcess _process;
    private readonly string _dir;

    private PrometheusProcess(CapturedProcess process, string dir, int port)
    {
        _process = process;
        _dir = dir;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Endpoint { get; }

    public string Log => _process.Output;

    public static async Task<PrometheusProcess> StartAsync()
    {
        var dir = Directory.CreateTempSubdirectory("ollystack-e2e-prometheus-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(dir, "prometheus.yml");
        await File.WriteAllTextAsync(config, "global:\n  scrape_interval: 1m\n");
        var info = new ProcessStartInfo(FindBinary());
        foreach (var arg in new[]
                 {
                     $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(dir, "data")}", $"--web.listen-address=127.0.0.1:{port}",
                     "--web.enable-remote-write-receiver",
                 })
            info.ArgumentList.Add(arg);
        var prometheus = new PrometheusProcess(CapturedProcess.Start(info), dir, port);
        using var http = new HttpClient();
        await Poll.UntilAsync(async () =>
        {
            if (prometheus._process.HasExited) throw new InvalidOperationException($"prometheus exited: {prometheus.Log}");
            try
            {
                return (await http.GetAsync(new Uri(prometheus.Endpoint, "/-/ready"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "prometheus to become ready");
        return prometheus;
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string FindBinary()
    {
        foreach (var candidate in new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("prometheus is not installed: run ./test.sh (it installs the Debian package 'prometheus')");
    }
}
