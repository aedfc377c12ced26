using System.Diagnostics;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>One service of samples/OllyStack.SampleShop, started on a free port and sending to an OllyStack server.</summary>
internal sealed class SampleShopProcess : IAsyncDisposable
{
    private readonly CapturedProcess _process;

    private SampleShopProcess(CapturedProcess process, int port)
    {
        _process = process;
        Endpoint = new Uri($"http://127.0.0.1:{port}");
    }

    public Uri Endpoint { get; }

    public string Output => _process.Output;

    public static async Task<SampleShopProcess> StartAsync(ServerProcess server, string service, IEnumerable<SampleShopProcess> downstream, bool failOdd = false)
    {
        if (!File.Exists(RepositoryPaths.SampleShopDll)) throw new FileNotFoundException("build the sample shop first (dotnet build -c " + RepositoryPaths.Configuration + ")", RepositoryPaths.SampleShopDll);
        var port = FreePort.Next();
        var info = new ProcessStartInfo("dotnet");
        string[] args =
        [
            RepositoryPaths.SampleShopDll, "--service", service, "--port", port.ToString(), "--otlp", server.OtlpHttpEndpoint.ToString(),
            "--key", server.AdminKey, "--downstream", string.Join(',', downstream.Select(d => d.Endpoint.ToString().TrimEnd('/'))),
        ];
        foreach (var arg in failOdd ? [.. args, "--fail-odd"] : args) info.ArgumentList.Add(arg);
        var shop = new SampleShopProcess(CapturedProcess.Start(info), port);
        using var http = new HttpClient();
        await Poll.UntilAsync(async () =>
        {
            if (shop._process.HasExited) throw new InvalidOperationException($"{service} exited with {shop._process.ExitCode}:\n{shop.Output}");
            try
            {
                return (await http.GetAsync(new Uri(shop.Endpoint, "/healthz"))).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), $"sample service {service} to listen");
        return shop;
    }

    public ValueTask DisposeAsync() => _process.DisposeAsync();
}
