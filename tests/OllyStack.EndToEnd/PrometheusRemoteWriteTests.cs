using System.Diagnostics;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>A real Prometheus server (Debian package) scrapes itself and remote-writes to OllyStack.</summary>
public sealed class PrometheusRemoteWriteTests : IAsyncLifetime
{
    private ServerProcess _server = null!;
    private Process? _prometheus;
    private string _prometheusDir = "";

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync()
    {
        if (_prometheus is { HasExited: false })
        {
            _prometheus.Kill(entireProcessTree: true);
            await _prometheus.WaitForExitAsync();
        }
        _prometheus?.Dispose();
        if (_prometheusDir != "") Directory.Delete(_prometheusDir, recursive: true);
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task PrometheusRemoteWritesItsOwnMetrics()
    {
        var binary = FindPrometheus();
        _prometheusDir = Directory.CreateTempSubdirectory("ollystack-e2e-prometheus-").FullName;
        var port = FreePort.Next();
        var config = Path.Combine(_prometheusDir, "prometheus.yml");
        await File.WriteAllTextAsync(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: prometheus
                static_configs:
                  - targets: ['127.0.0.1:{port}']
            remote_write:
              - url: {new Uri(_server.OtlpHttpEndpoint, "/api/v1/write")}
                authorization:
                  credentials: {_server.AdminKey}
                queue_config:
                  batch_send_deadline: 1s
            """);
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { $"--config.file={config}", $"--storage.tsdb.path={Path.Combine(_prometheusDir, "data")}", $"--web.listen-address=127.0.0.1:{port}" })
            info.ArgumentList.Add(arg);
        _prometheus = Process.Start(info)!;
        var log = new System.Text.StringBuilder();
        _prometheus.ErrorDataReceived += (_, e) => { lock (log) log.AppendLine(e.Data); };
        _prometheus.BeginErrorReadLine();

        List<StoredSample> up = [];
        await Poll.UntilAsync(() =>
        {
            if (_prometheus.HasExited) throw new InvalidOperationException($"prometheus exited: {log}");
            up = WalContents.Samples(_server.DataDir).Where(s => s.Series.StartsWith("up{", StringComparison.Ordinal)).ToList();
            return Task.FromResult(up.Count > 0);
        }, TimeSpan.FromSeconds(60), "Prometheus to remote-write the 'up' series");

        Assert.Contains(up, s => s.Series.Contains("job=\"prometheus\"") && s.Value == 1 && s.Tenant == "default");
        Assert.Contains(WalContents.Samples(_server.DataDir), s => s.Series.StartsWith("prometheus_build_info{", StringComparison.Ordinal));
        Assert.Equal(0, await _server.MetricAsync("ollystack_ingest_requests_total{signal=\"metrics\",protocol=\"prometheus_remote_write\",code=\"400\"}"));
    }

    private static string FindPrometheus()
    {
        foreach (var candidate in new[] { "/usr/bin/prometheus", "/usr/local/bin/prometheus" })
            if (File.Exists(candidate)) return candidate;
        throw new InvalidOperationException("prometheus is not installed: run ./test.sh (it installs the Debian package 'prometheus')");
    }
}
