namespace OllyStack.Core.Admission;

public enum AdmissionFailure
{
    None,
    /// <summary>No key or an unknown key: HTTP 401, gRPC UNAUTHENTICATED.</summary>
    Unauthenticated,
    /// <summary>A valid key without the needed scope: HTTP 403, gRPC PERMISSION_DENIED.</summary>
    Forbidden,
}

public readonly record struct AdmissionResult(Principal? Principal, AdmissionFailure Failure, string? Message)
{
    public static AdmissionResult Allow(Principal principal) => new(principal, AdmissionFailure.None, null);

    public static AdmissionResult Deny(AdmissionFailure failure, string message) => new(null, failure, message);
}
