namespace OllyStack.Core.Admission;

public enum AdmissionFailure
{
    None,
    /// <summary>No key or an unknown key: HTTP 401, gRPC UNAUTHENTICATED.</summary>
    Unauthenticated,
    /// <summary>A valid key without the needed scope: HTTP 403, gRPC PERMISSION_DENIED.</summary>
    Forbidden,
    /// <summary>
    /// The tenant's quota refuses any batch now (empty event-rate bucket, used-up byte or storage quota): HTTP 429,
    /// gRPC RESOURCE_EXHAUSTED, retryable after <see cref="AdmissionResult.RetryAfter"/>; the request is not read.
    /// </summary>
    Throttled,
}

/// <param name="Principal">Who may go on; null when refused.</param>
/// <param name="RefusedCaller">On a refusal, the caller whose key matched (null when none did), for the audit log.</param>
/// <param name="RetryAfter">When a throttled caller may try again.</param>
public readonly record struct AdmissionResult(
    Principal? Principal, AdmissionFailure Failure, string? Message, Principal? RefusedCaller = null, TimeSpan RetryAfter = default)
{
    public int HttpStatus => Failure switch
    {
        AdmissionFailure.None => 200,
        AdmissionFailure.Forbidden => 403,
        AdmissionFailure.Throttled => 429,
        _ => 401,
    };

    public static AdmissionResult Allow(Principal principal) => new(principal, AdmissionFailure.None, null);

    public static AdmissionResult Deny(AdmissionFailure failure, string message, Principal? caller = null) => new(null, failure, message, caller);

    /// <summary>Refuses the caller with the quota's answer (<see cref="IngestStatus.Throttled"/>) before its request is read.</summary>
    public static AdmissionResult Throttle(IngestResult refusal, Principal caller) =>
        new(null, AdmissionFailure.Throttled, refusal.Message, caller, refusal.RetryAfter);
}
