namespace OllyStack.Query.Traces;

/// <summary>A parent service calling a child service, and how many spans of the window say so.</summary>
public readonly record struct ServiceDependency(string Parent, string Child, long CallCount);
