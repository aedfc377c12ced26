namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// The provider's discovery document and signing keys, read on first use (the provider may start after this server)
/// and again when an hour old or when a token names a key they lack (the provider rotated its keys), but not more than
/// once per <see cref="MinimumRefreshInterval"/>, so tokens with made-up key ids cannot make us hammer the provider.
/// When a refresh fails, the keys read before stay in use.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile OidcMetadata? _metadata;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;

    /// <param name="handler">How to reach the provider; null: the network (tests pass one that answers from memory).</param>
    public OidcProvider(OidcSettings settings, TimeProvider clock, HttpMessageHandler? handler = null)
    {
        Settings = settings;
        _clock = clock;
        _http = handler is null ? new HttpClient() : new HttpClient(handler);
        _http.Timeout = TimeSpan.FromSeconds(10);
    }

    public OidcSettings Settings { get; }

    public HttpClient Http => _http;

    public TimeProvider Clock => _clock;

    /// <summary>The metadata, read or refreshed as needed to know <paramref name="keyId"/> (null: any key will do).</summary>
    /// <exception cref="OidcProviderUnavailableException">It was never read and cannot be now.</exception>
    public async Task<OidcMetadata> MetadataAsync(string? keyId, CancellationToken cancellationToken)
    {
        var current = _metadata;
        if (current is not null && !NeedsRefresh(current, keyId)) return current;
        await _refreshing.WaitAsync(cancellationToken);
        try
        {
            current = _metadata;
            if (current is not null && (!NeedsRefresh(current, keyId) || _clock.GetUtcNow() - _lastAttempt < MinimumRefreshInterval)) return current;
            _lastAttempt = _clock.GetUtcNow();
            try
            {
                return _metadata = await ReadAsync(cancellationToken);
            }
            catch (OidcProviderUnavailableException) when (current is not null)
            {
                return current;
            }
        }
        finally
        {
            _refreshing.Release();
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _refreshing.Dispose();
    }

    private bool NeedsRefresh(OidcMetadata metadata, string? keyId) =>
        _clock.GetUtcNow() - metadata.ReadAt >= MaximumAge || (keyId is not null && !metadata.HasKey(keyId));

    private async Task<OidcMetadata> ReadAsync(CancellationToken cancellationToken)
    {
        var discoveryUri = Settings.Issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        try
        {
            var (issuer, authorization, token, jwks) = OidcMetadata.ParseDiscovery(await _http.GetStringAsync(discoveryUri, cancellationToken), Settings.Issuer);
            var keys = OidcMetadata.ParseKeys(await _http.GetStringAsync(jwks, cancellationToken));
            return new OidcMetadata(issuer, authorization, token, jwks, keys, _clock.GetUtcNow());
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or FormatException or System.Text.Json.JsonException or ArgumentException)
        {
            if (e is TaskCanceledException && cancellationToken.IsCancellationRequested) throw;
            throw new OidcProviderUnavailableException($"cannot read the identity provider's discovery document or keys from {discoveryUri}: {e.Message}", e);
        }
    }
}
