using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Web;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A real OpenID Connect provider (the npm package oidc-provider, driven by js/oidc-provider.mjs) in a node child
/// process on a loopback port, with the clients and users of an <see cref="OidcProviderConfig"/>. Authorization code
/// flow with PKCE S256 required, discovery, JWKS (RS256), ID tokens and API access tokens (JWTs) carrying the tenant
/// and role claims. Tests that start it use <see cref="OidcProviderFactAttribute"/>.
/// </summary>
internal sealed class OidcProviderProcess : IAsyncDisposable
{
    private const string ReadyLine = "oidc-provider listening on ";
    private static readonly JsonSerializerOptions ConfigJson = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
    private readonly CapturedProcess _process;
    private readonly string _dir;

    private OidcProviderProcess(CapturedProcess process, string dir, OidcProviderConfig config)
    {
        _process = process;
        _dir = dir;
        Config = config;
    }

    /// <summary>Null when node and the npm package are installed; otherwise what is missing and how to install it.</summary>
    public static string? MissingReason { get; } = FindMissing();

    public OidcProviderConfig Config { get; }

    /// <summary>
    /// "http://127.0.0.1:port", exactly as the tokens' iss claim and discovery spell it. A string, not a Uri: Uri would
    /// print it with a trailing slash, and issuers are compared as exact strings.
    /// </summary>
    public string Issuer { get; private set; } = null!;

    public Uri DiscoveryUri => new(Issuer + "/.well-known/openid-configuration");

    public OidcDiscovery Discovery { get; private set; } = null!;

    /// <summary>The provider's stdout and stderr: its warnings and every authorization, grant or server error.</summary>
    public string Log => _process.Output;

    /// <summary>Starts the provider on <paramref name="port"/> (0: a free one it picks) and returns once it serves discovery.</summary>
    public static async Task<OidcProviderProcess> StartAsync(OidcProviderConfig config, int port = 0)
    {
        if (MissingReason is not null) throw new InvalidOperationException(MissingReason);
        var dir = Directory.CreateTempSubdirectory("ollystack-e2e-oidc-").FullName;
        var configFile = Path.Combine(dir, "oidc-provider.json");
        await File.WriteAllTextAsync(configFile, JsonSerializer.Serialize(config, ConfigJson));
        // Standard input stays open: the script exits when it closes, so a crashed test host leaves no provider behind.
        var info = new ProcessStartInfo("node") { RedirectStandardInput = true, WorkingDirectory = RepositoryPaths.JsClientDir };
        foreach (var arg in new[] { Path.Combine(RepositoryPaths.JsClientDir, "oidc-provider.mjs"), configFile, port.ToString() })
            info.ArgumentList.Add(arg);

        var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var process = CapturedProcess.Start(info, line =>
        {
            if (line.StartsWith(ReadyLine, StringComparison.Ordinal)) ready.TrySetResult(line[ReadyLine.Length..]);
        });
        var provider = new OidcProviderProcess(process, dir, config);
        _ = process.WaitForExitAsync().ContinueWith(_ =>
        {
            if (!ready.Task.IsCompleted) ready.TrySetException(new InvalidOperationException($"oidc-provider exited with {process.ExitCode}:\n{provider.Log}"));
        }, TaskScheduler.Default);
        try
        {
            provider.Issuer = await ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient();
            provider.Discovery = OidcDiscovery.Parse(await http.GetStringAsync(provider.DiscoveryUri));
        }
        catch (TimeoutException e)
        {
            ready.TrySetCanceled();
            await provider.DisposeAsync();
            throw new TimeoutException($"waited 60 s for oidc-provider to print its ready line:\n{provider.Log}", e);
        }
        catch
        {
            ready.TrySetCanceled();
            await provider.DisposeAsync();
            throw;
        }
        return provider;
    }

    public OidcBrowser CreateBrowser() => new(Issuer);

    /// <summary>
    /// What a relying party does with the redirect <see cref="OidcBrowser.LoginAsync"/> returned: checks state and
    /// redeems the code at the token endpoint with the PKCE verifier, authenticating as the client is registered.
    /// </summary>
    /// <exception cref="InvalidOperationException">The callback carries an error or the token endpoint refused (its error JSON is in the message).</exception>
    public async Task<OidcTokens> RedeemCodeAsync(OidcAuthorizationRequest request, Uri callback)
    {
        var parameters = HttpUtility.ParseQueryString(callback.Query);
        if (parameters["error"] is { } error) throw new InvalidOperationException($"authorization failed: {error} {parameters["error_description"]}");
        if (parameters["state"] != request.State) throw new InvalidOperationException($"state mismatch in {callback}");
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = parameters["code"] ?? throw new InvalidOperationException($"no code in {callback}"),
            ["redirect_uri"] = request.RedirectUri, ["code_verifier"] = request.CodeVerifier,
        };
        return await TokenRequestAsync(request.ClientId, form);
    }

    /// <summary>
    /// The whole browserless sign-in of <paramref name="login"/> to <paramref name="clientId"/> (its first redirect URI,
    /// PKCE S256, the provider's default resource unless <paramref name="resource"/> names one): the tokens it yields.
    /// </summary>
    public async Task<OidcTokens> SignInAsync(string clientId, string login, string password, string? resource = null)
    {
        var request = new OidcAuthorizationRequest(clientId, Client(clientId).RedirectUris[0]) { Resource = resource };
        using var browser = CreateBrowser();
        var callback = await browser.LoginAsync(request.ToUri(Discovery.AuthorizationEndpoint), login, password);
        return await RedeemCodeAsync(request, callback);
    }

    /// <summary>
    /// A client credentials token (no user, so no tenant or role claim) for <paramref name="resource"/>, the API by
    /// default: a JWT when that is the configured API. The client must list "client_credentials" in its grant types.
    /// </summary>
    public Task<OidcTokens> ClientCredentialsAsync(string clientId, string? resource = null) =>
        TokenRequestAsync(clientId, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["resource"] = resource ?? Config.ApiResource?.Audience ?? throw new ArgumentException("no API resource is configured", nameof(resource)),
        });

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

    private async Task<OidcTokens> TokenRequestAsync(string clientId, Dictionary<string, string> form)
    {
        var client = Client(clientId);
        using var message = new HttpRequestMessage(HttpMethod.Post, Discovery.TokenEndpoint);
        if (client.IsPublic || client.TokenEndpointAuthMethod == "client_secret_post")
        {
            form["client_id"] = clientId;
            if (!client.IsPublic) form["client_secret"] = client.ClientSecret!;
        }
        else
        {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            var credentials = $"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(client.ClientSecret!)}";
            message.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        message.Content = new FormUrlEncodedContent(form);
        using var http = new HttpClient();
        using var response = await http.SendAsync(message);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"token endpoint answered {(int)response.StatusCode}: {body}");
        return OidcTokens.Parse(body);
    }

    private OidcClient Client(string clientId) =>
        Config.Clients.SingleOrDefault(c => c.ClientId == clientId) ?? throw new ArgumentException($"no client {clientId} in the provider's config", nameof(clientId));

    private static string? FindMissing()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? "";
        if (!path.Split(Path.PathSeparator).Any(dir => dir.Length > 0 && File.Exists(Path.Combine(dir, "node"))))
            return "node is not installed: run scripts/install-test-deps.sh (it installs the Debian package nodejs)";
        if (!File.Exists(Path.Combine(RepositoryPaths.JsClientDir, "node_modules", "oidc-provider", "package.json")))
            return "the npm package oidc-provider is not installed: run scripts/install-test-deps.sh (it runs npm ci in tests/OllyStack.EndToEnd/js)";
        return null;
    }
}
