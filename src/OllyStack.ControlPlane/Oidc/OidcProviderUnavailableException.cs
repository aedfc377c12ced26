namespace OllyStack.ControlPlane.Oidc;

/// <summary>The provider's discovery document, keys or token endpoint could not be read; worth trying again later.</summary>
public sealed class OidcProviderUnavailableException(string message, Exception? inner = null) : Exception(message, inner);
