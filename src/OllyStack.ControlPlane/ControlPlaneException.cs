namespace OllyStack.ControlPlane;

/// <summary>Why a control-plane request was refused; the API maps each to its status code.</summary>
public enum ControlPlaneError
{
    /// <summary>400: the request names something invalid.</summary>
    Invalid,
    /// <summary>404: the tenant, key, user or role does not exist.</summary>
    NotFound,
    /// <summary>409: it exists already, or the change would leave the platform unusable.</summary>
    Conflict,
}

/// <summary>A refused change; its message says what was wrong and what to do instead. Nothing was changed.</summary>
public sealed class ControlPlaneException(ControlPlaneError error, string message) : Exception(message)
{
    public ControlPlaneError Error { get; } = error;
}
