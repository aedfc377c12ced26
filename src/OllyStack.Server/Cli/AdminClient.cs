using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using OllyStack.Server.Hosting;

namespace OllyStack.Server.Cli;

/// <summary>
/// The admin API of a running server as the CLI uses it: --server (default http://127.0.0.1:8080) and an admin key
/// from --admin-key, $OLLYSTACK_ADMIN_KEY or &lt;data-dir&gt;/bootstrap-admin.key; errors printed as one line.
/// </summary>
public sealed class AdminClient : IDisposable
{
    private readonly HttpClient _http;

    private AdminClient(HttpClient http) => _http = http;

    public Uri Server => _http.BaseAddress!;

    /// <summary>A client, or null after saying how to supply an admin key.</summary>
    public static AdminClient? Create(CommandLine line)
    {
        var adminKey = AdminKey(line);
        if (adminKey is null)
        {
            Commands.Fail($"no admin key: pass --admin-key, set OLLYSTACK_ADMIN_KEY, or run where {{data-dir}}/{BootstrapAdminKey.FileName} exists (--data-dir)");
            return null;
        }
        var http = new HttpClient { BaseAddress = new Uri(line.Flag("server") ?? "http://127.0.0.1:8080") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);
        return new AdminClient(http);
    }

    /// <summary>Runs <paramref name="action"/>, turning an unreachable server into one line that says what to check.</summary>
    public async Task<int> RunAsync(Func<AdminClient, Task<int>> action)
    {
        try
        {
            return await action(this);
        }
        catch (HttpRequestException e)
        {
            return Commands.Fail($"cannot reach the server at {Server}: {e.Message}. Is `ollystack serve` running? Use --server to point elsewhere.");
        }
    }

    /// <summary>The answer's <c>data</c>, or null after printing the server's error (and for 204, an empty element).</summary>
    public async Task<JsonElement?> SendAsync(HttpMethod method, string path, object? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null) request.Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonElement? parsed = null;
        try
        {
            if (text.Length > 0) parsed = JsonDocument.Parse(text).RootElement;
        }
        catch (JsonException)
        {
        }
        if (response.IsSuccessStatusCode)
            return parsed is { } ok && ok.TryGetProperty("data", out var data) ? data : default(JsonElement);
        var message = parsed is { } error && error.TryGetProperty("error", out var detail) ? detail.GetString() : text;
        Console.Error.WriteLine($"error: the server answered {(int)response.StatusCode}: {message}");
        return null;
    }

    public void Dispose() => _http.Dispose();

    private static string? AdminKey(CommandLine line)
    {
        if (line.Flag("admin-key") is { Length: > 0 } flag) return flag;
        if (Environment.GetEnvironmentVariable("OLLYSTACK_ADMIN_KEY") is { Length: > 0 } env) return env;
        var path = Path.Combine(line.Flag("data-dir") ?? "./data", BootstrapAdminKey.FileName);
        return File.Exists(path) ? File.ReadAllText(path).Trim() : null;
    }
}
