using OllyStack.Core.Admission;

namespace OllyStack.ControlPlane.Sessions;

/// <summary>A session just started: the only moment its token (the cookie's value) is known.</summary>
public sealed record StartedSession(string Token, Session Session, Principal Principal);
