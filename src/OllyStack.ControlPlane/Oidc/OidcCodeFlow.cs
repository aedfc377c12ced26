using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// Single sign-on with the authorization code flow and PKCE (S256): <see cref="StartAsync"/> makes the provider URL
/// to send the browser to, keeping its state, nonce and code verifier here for ten minutes and one use;
/// <see cref="CompleteAsync"/> redeems the code the browser brings back and validates the ID token. Pending sign-ins
/// live in this node's memory, so behind a load balancer both legs must reach the same node.
/// </summary>
public sealed class OidcCodeFlow(OidcProvider provider, OidcTokenValidator validator, Uri redirectUri)
{
    public static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(10);

    /// <summary>Sign-ins started and not completed; bounded, as anyone may start one.</summary>
    private const int MaximumPending = 10_000;

    private readonly ConcurrentDictionary<string, PendingSignIn> _pending = new(StringComparer.Ordinal);

    /// <summary>A new sign-in: the provider's authorization URL, and its state, which the browser must bring back.</summary>
    /// <exception cref="OidcProviderUnavailableException">The provider cannot be reached, or too many sign-ins are pending.</exception>
    public async Task<(Uri AuthorizationUrl, string State)> StartAsync(CancellationToken cancellationToken)
    {
        var metadata = await provider.MetadataAsync(null, cancellationToken);
        var now = provider.Clock.GetUtcNow();
        foreach (var (state, stale) in _pending)
            if (now - stale.StartedAt >= PendingLifetime) _pending.TryRemove(state, out _);
        if (_pending.Count >= MaximumPending) throw new OidcProviderUnavailableException("too many sign-ins are in progress; try again in a few minutes");
        var signIn = new PendingSignIn(SecureToken.New(), SecureToken.New(), SecureToken.New(), now);
        _pending[signIn.State] = signIn;
        var challenge = Base64Url.EncodeToString(SHA256.HashData(Encoding.ASCII.GetBytes(signIn.CodeVerifier)));
        var settings = provider.Settings;
        var query = string.Join("&", new (string Name, string Value)[]
        {
            ("response_type", "code"), ("client_id", settings.ClientId!), ("redirect_uri", redirectUri.ToString()), ("scope", settings.Scopes),
            ("state", signIn.State), ("nonce", signIn.Nonce), ("code_challenge", challenge), ("code_challenge_method", "S256"),
            ("response_mode", "query"),
        }.Select(p => $"{p.Name}={Uri.EscapeDataString(p.Value)}"));
        var endpoint = metadata.AuthorizationEndpoint.ToString();
        return (new Uri(endpoint + (endpoint.Contains('?') ? "&" : "?") + query), signIn.State);
    }

    /// <summary>Redeems <paramref name="code"/> for the sign-in <paramref name="state"/> names and returns who signed in.</summary>
    /// <exception cref="OidcTokenException">The state is unknown, expired or used, the provider refused the code, or the ID token is not valid.</exception>
    public async Task<OidcIdentity> CompleteAsync(string state, string code, CancellationToken cancellationToken)
    {
        if (!_pending.TryRemove(state, out var signIn) || provider.Clock.GetUtcNow() - signIn.StartedAt >= PendingLifetime)
            throw new OidcTokenException("this sign-in is unknown, expired or already completed; start it again");
        var metadata = await provider.MetadataAsync(null, cancellationToken);
        var idToken = await RedeemAsync(metadata.TokenEndpoint, code, signIn.CodeVerifier, cancellationToken);
        return await validator.ValidateIdTokenAsync(idToken, signIn.Nonce, cancellationToken);
    }

    private async Task<string> RedeemAsync(Uri tokenEndpoint, string code, string verifier, CancellationToken cancellationToken)
    {
        var settings = provider.Settings;
        var form = new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code", ["code"] = code, ["redirect_uri"] = redirectUri.ToString(), ["code_verifier"] = verifier,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, tokenEndpoint);
        if (settings.ClientSecret is { } secret && settings.TokenEndpointAuthMethod == OidcSettings.ClientSecretBasic)
        {
            // RFC 6749 2.3.1: id and secret are form-encoded before they are joined and base64-encoded.
            var credentials = $"{Uri.EscapeDataString(settings.ClientId!)}:{Uri.EscapeDataString(secret)}";
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(credentials)));
        }
        else
        {
            form["client_id"] = settings.ClientId!;
            if (settings.ClientSecret is { } postedSecret) form["client_secret"] = postedSecret;
        }
        request.Content = new FormUrlEncodedContent(form);
        string body;
        HttpResponseMessage response;
        try
        {
            response = await provider.Http.SendAsync(request, cancellationToken);
            body = await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new OidcProviderUnavailableException($"cannot reach the identity provider's token endpoint {tokenEndpoint}: {e.Message}", e);
        }
        using (response)
        {
            try
            {
                using var json = JsonDocument.Parse(body);
                var root = json.RootElement;
                if (!response.IsSuccessStatusCode)
                    throw new OidcTokenException($"the identity provider refused the code: {Text(root, "error")} {Text(root, "error_description")}".TrimEnd());
                return Text(root, "id_token") ?? throw new OidcTokenException("the identity provider's token response has no id_token (is 'openid' among the scopes?)");
            }
            catch (JsonException)
            {
                throw new OidcTokenException($"the identity provider's token endpoint answered {(int)response.StatusCode} without JSON");
            }
        }
    }

    private static string? Text(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private sealed record PendingSignIn(string State, string Nonce, string CodeVerifier, DateTimeOffset StartedAt);
}
