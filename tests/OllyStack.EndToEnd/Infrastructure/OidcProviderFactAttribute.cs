using OllyStack.Testing;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A fact that starts the test OpenID provider, which needs node and the npm package oidc-provider
/// (scripts/install-test-deps.sh installs both). Skipped at discovery when either is missing, unless CI=true, where it
/// runs and <see cref="OidcProviderProcess.StartAsync"/> fails saying what is missing.
/// </summary>
public sealed class OidcProviderFactAttribute : FactAttribute
{
    public OidcProviderFactAttribute() => Skip = SharedDatasets.SkipUnlessCi(OidcProviderProcess.MissingReason);
}
