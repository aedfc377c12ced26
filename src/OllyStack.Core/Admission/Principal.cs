namespace OllyStack.Core.Admission;

/// <summary>Who is calling: the tenant every record and read of this request belongs to, and the key's scopes.</summary>
public sealed record Principal(string Tenant, string KeyId, KeyScopes Scopes)
{
    public bool Can(KeyScopes scope) => (Scopes & scope) == scope;
}
