namespace OllyStack.Query.Api;

/// <summary>
/// A request the Prometheus API refuses, with the HTTP status and the Prometheus error type
/// (<c>bad_data</c> 400, <c>execution</c> 422, <c>timeout</c> 503, <c>internal</c> 500).
/// </summary>
public sealed class ApiException(int statusCode, string errorType, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string ErrorType { get; } = errorType;

    public static ApiException BadData(string message) => new(400, "bad_data", message);
}
