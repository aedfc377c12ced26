using OllyStack.ControlPlane.Oidc;
using OllyStack.Server.Configuration;

namespace OllyStack.Server.Hosting;

/// <summary>
/// The identity provider as the configuration asks for it: bearer-token validation when <c>oidc.audience</c> is set,
/// the sign-in flow when <c>oidc.client_id</c> is. Nothing is fetched from the provider until first used.
/// </summary>
internal sealed class SingleSignOnHost : IDisposable
{
    public const string CallbackPath = "/api/v1/auth/oidc/callback";

    private readonly OidcProvider _provider;

    private SingleSignOnHost(OidcSettings settings, string publicUrl)
    {
        _provider = new OidcProvider(settings, TimeProvider.System);
        var validator = new OidcTokenValidator(_provider);
        Bearer = settings.Audience is null ? null : validator;
        SignOn = settings.ClientId is null ? null : new OidcCodeFlow(_provider, validator, new Uri(publicUrl + CallbackPath));
    }

    public OidcTokenValidator? Bearer { get; }

    public OidcCodeFlow? SignOn { get; }

    /// <param name="publicUrl">The server's URL as browsers reach it, for the redirect URI registered at the provider.</param>
    public static SingleSignOnHost? Create(ServerOptions options, string publicUrl) => options.Oidc is { } settings ? new SingleSignOnHost(settings, publicUrl) : null;

    public void Dispose() => _provider.Dispose();
}
