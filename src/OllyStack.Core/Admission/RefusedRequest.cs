namespace OllyStack.Core.Admission;

/// <summary>
/// A request refused at admission (unknown key, missing scope, suspended tenant, signal outside the plan), as the
/// audit log records it: who asked (<c>anonymous</c> when no key matched), from which address, for what, and why.
/// </summary>
public sealed record RefusedRequest(string Actor, string Tenant, string? Source, string Target, int Status, string Message);
