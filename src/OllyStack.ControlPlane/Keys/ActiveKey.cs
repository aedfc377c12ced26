using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// A key that may authenticate, as the per-request lookup needs it. The last use is written by request threads
/// without a lock (a plain overwrite: any recent time will do) and flushed to the store in the background.
/// </summary>
internal sealed class ActiveKey(string id, Principal principal, long expiresAtMs, long lastUsedMs)
{
    public long LastUsedMs = lastUsedMs;

    public long FlushedMs = lastUsedMs;

    public string Id { get; } = id;

    public Principal Principal { get; } = principal;

    public long ExpiresAtMs { get; } = expiresAtMs;
}
