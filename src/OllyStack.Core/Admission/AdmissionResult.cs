namespace OllyStack.Core.Admission;

public enum AdmissionFailure
{
    None,
    /// <summary>No key or an unknown key: HTTP 401, gRPC UNAUTHENTICATED.</summary>
    Unauthenticated,
    /// <summary>A valid key without the needed scope: HTTP 403, gRPC PERMISSION_DENIED.</summary>
    Forbidden,
}

/// <param name="Principal">Who may go on; null when refused.</param>
/// <param name="RefusedCaller">On a refusal, the caller whose key matched (null when none did), for the audit log.</param>
public readonly record struct AdmissionResult(Principal? Principal, AdmissionFailure Failure, string? Message, Principal? RefusedCaller = null)
{
    public int HttpStatus => Failure switch { AdmissionFailure.None => 200, AdmissionFailure.Forbidden => 403, _ => 401 };

    public static AdmissionResult Allow(Principal principal) => new(principal, AdmissionFailure.None, null);

    public static AdmissionResult Deny(AdmissionFailure failure, string message, Principal? caller = null) => new(null, failure, message, caller);
}
