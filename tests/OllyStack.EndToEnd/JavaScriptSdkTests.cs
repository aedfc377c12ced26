using System.Diagnostics;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>The OpenTelemetry JavaScript SDK (from npm) exports traces as OTLP/HTTP JSON.</summary>
public sealed class JavaScriptSdkTests : IAsyncLifetime
{
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task TracesFromTheJavaScriptSdkAreDurable()
    {
        var script = Path.Combine(RepositoryPaths.JsClientDir, "send-traces.mjs");
        Assert.True(Directory.Exists(Path.Combine(RepositoryPaths.JsClientDir, "node_modules")),
            "the OpenTelemetry JS SDK is not installed: run ./test.sh (it runs npm ci in tests/OllyStack.EndToEnd/js)");
        var info = new ProcessStartInfo("node") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = RepositoryPaths.JsClientDir };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(new Uri(_server.OtlpHttpEndpoint, "/v1/traces").ToString());
        info.ArgumentList.Add(_server.AdminKey);
        using var node = Process.Start(info)!;
        var stdout = node.StandardOutput.ReadToEndAsync();
        var stderr = node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(node.ExitCode == 0, $"node exited {node.ExitCode}: {await stderr}");
        var traceId = (await stdout).Trim();

        var spans = WalContents.Spans(_server.DataDir).Where(s => s.TraceId == traceId).ToList();
        Assert.Equal(["charge-card", "checkout", "reserve-stock"], spans.Select(s => s.Name).Order());
        var root = Assert.Single(spans, s => s.Name == "checkout");
        Assert.All(spans.Where(s => s != root), s => Assert.Equal(root.SpanId, s.ParentSpanId));
        Assert.Equal(2, spans.Single(s => s.Name == "charge-card").StatusCode);
        Assert.All(spans, s => Assert.Equal("js-client", s.Service));
    }
}
