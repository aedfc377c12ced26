using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Tenants;

namespace OllyStack.ControlPlane.Store;

/// <summary>Everything the control plane holds at one revision; small enough to keep in memory whole.</summary>
public sealed record ControlPlaneSnapshot(long Revision, IReadOnlyList<Tenant> Tenants, IReadOnlyList<ApiKey> Keys);
