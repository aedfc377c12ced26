namespace OllyStack.ControlPlane.Oidc;

/// <summary>A token, or a sign-in callback, that does not prove who its holder is; the message says why and may be shown to the holder.</summary>
public sealed class OidcTokenException(string message) : Exception(message);
