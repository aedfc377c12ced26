namespace OllyStack.Server.Configuration;

/// <summary>A setting that cannot be used; the message says which and what would be accepted.</summary>
public sealed class ConfigurationException(string message) : Exception(message);
