using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Sessions;

/// <summary>A session that authenticated a request, and the principal its user is now (its role as of this request).</summary>
public sealed record ActiveSession(Session Session, Principal Principal);
