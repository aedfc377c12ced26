using OllyStack.ControlPlane.Sessions;
using OllyStack.Core.Admission;

namespace OllyStack.Server.Api;

/// <summary>
/// Who sent a request and how they proved it (<see cref="Method"/>: <c>api_key</c>, <c>session</c> or
/// <c>bearer</c>), or why they are refused: <see cref="Status"/> 401, 403 or 503 and a message saying what to do.
/// </summary>
public sealed record Caller(Principal? Principal, string? Method, ActiveSession? Session, int Status, string? Refusal)
{
    public static Caller Of(Principal principal, string method, ActiveSession? session = null) => new(principal, method, session, 200, null);

    public static Caller Refused(int status, string message) => new(null, null, null, status, message);
}
