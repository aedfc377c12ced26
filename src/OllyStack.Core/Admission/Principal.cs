namespace OllyStack.Core.Admission;

/// <summary>
/// Who is calling: the tenant every record and read of this request belongs to, the actor the audit log names
/// (<c>key:key_0123</c>, <c>user:acme/alice</c>, <c>oidc:&lt;subject&gt;</c>) and what it may do.
/// </summary>
public sealed record Principal(string Tenant, string Actor, Permissions Permissions)
{
    public bool Can(Permissions permission) => (Permissions & permission) == permission;
}
