namespace OllyStack.ControlPlane.Oidc;

/// <summary>
/// The provider's discovery document and signing keys, read on first use (the provider may start after this server)
/// and again when an hour old or when a token names a key they lack (the provider rotated its keys), but not more than
/// once per <see cref="MinimumRefreshInterval"/>, so tokens with made-up key ids cannot make us hammer the provider.
/// When a refresh fails, the keys read before stay in use; while none were ever read, a failure is repeated to callers
/// for <see cref="FailureRetryInterval"/> instead of each waiting on a provider that may take seconds to time out.
/// </summary>
public sealed class OidcProvider : IDisposable
{
    public static readonly TimeSpan MaximumAge = TimeSpan.FromHours(1);
    public static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(10);
    public static readonly TimeSpan FailureRetryInterval = TimeSpan.FromSeconds(1);

    private readonly HttpClient _http;
    private readonly TimeProvider _clock;
    private readonly SemaphoreSlim _refreshing = new(1, 1);
    private volatile OidcMetadata? _metadata;
    private DateTimeOffset _lastAttempt = DateTimeOffset.MinValue;
    private OidcProviderUnavailableException? _lastFailure;

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
            var sinceAttempt = _clock.GetUtcNow() - _lastAttempt;
            if (current is not null && (!NeedsRefresh(current, keyId) || sinceAttempt < MinimumRefreshInterval)) return current;
            if (current is null && _lastFailure is not null && sinceAttempt < FailureRetryInterval) throw _lastFailure;
            _lastAttempt = _clock.GetUtcNow();
            try
            {
                _metadata = await ReadAsync(cancellationToken);
                _lastFailure = null;
                return _metadata;
            }
            catch (OidcProviderUnavailableException e)
            {
                _lastFailure = e;
                if (current is null) throw;
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
