using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// What the web UI does with a session: one cookie jar on the server's API, and the CSRF token (from the login answer
/// or /api/v1/auth/me) sent in X-Ollystack-Csrf with every request that changes something.
/// </summary>
internal sealed class SignedInBrowser : IDisposable
{
    public const string CsrfHeader = "X-Ollystack-Csrf";

    public SignedInBrowser(Uri api) => Http = new HttpClient(new HttpClientHandler { CookieContainer = Cookies, AllowAutoRedirect = false }) { BaseAddress = api };

    public CookieContainer Cookies { get; } = new();

    public HttpClient Http { get; }

    public string? CsrfToken { get; private set; }

    /// <summary>POST /api/v1/auth/login; on success keeps the CSRF token the answer carries.</summary>
    public async Task<HttpResponseMessage> LoginAsync(string tenant, string username, string password)
    {
        var response = await Http.PostAsJsonAsync("/api/v1/auth/login", new { tenant, username, password });
        if (response.IsSuccessStatusCode)
            CsrfToken = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("csrf_token").GetString();
        return response;
    }

    /// <summary>GET /api/v1/auth/me's data, keeping the CSRF token it shows.</summary>
    public async Task<JsonElement> MeAsync()
    {
        using var response = await Http.GetAsync("/api/v1/auth/me");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/v1/auth/me: {(int)response.StatusCode} {text}");
        var data = JsonDocument.Parse(text).RootElement.GetProperty("data");
        CsrfToken = data.TryGetProperty("csrf_token", out var csrf) ? csrf.GetString() : null;
        return data;
    }

    /// <summary>A request as the UI sends it: with the CSRF token unless <paramref name="withCsrf"/> is false.</summary>
    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content = null, bool withCsrf = true, string? origin = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        if (withCsrf && CsrfToken is not null) request.Headers.Add(CsrfHeader, CsrfToken);
        if (origin is not null) request.Headers.Add("Origin", origin);
        return Http.SendAsync(request);
    }

    public void Dispose() => Http.Dispose();
}
