namespace OllyStack.Core.Admission;

/// <summary>Finds who presented an API key. Called per request, so implementations take no lock and allocate nothing.</summary>
public interface IApiKeyAuthenticator
{
    /// <summary>The principal for a presented key, or null if the key is unknown, revoked or expired.</summary>
    Principal? Authenticate(ReadOnlySpan<char> key);
}
