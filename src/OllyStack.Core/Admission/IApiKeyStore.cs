namespace OllyStack.Core.Admission;

/// <summary>
/// Issues, lists, revokes and checks API keys. The embedded implementation keeps hashes in the data folder;
/// the control plane replaces it with its database-backed store.
/// </summary>
public interface IApiKeyStore
{
    /// <summary>The principal for a presented key, or null if the key is unknown or revoked. Called per request.</summary>
    Principal? Authenticate(ReadOnlySpan<char> key);

    CreatedApiKey Create(string tenant, string name, KeyScopes scopes);

    IReadOnlyList<ApiKeyInfo> List(string? tenant = null);

    /// <summary>Revokes the key with <paramref name="id"/>; false if there is none (already revoked keys stay revoked).</summary>
    bool Revoke(string id);

    /// <summary>True once any key exists: the bootstrap admin key is created only on the first start.</summary>
    bool HasAnyKey { get; }
}
