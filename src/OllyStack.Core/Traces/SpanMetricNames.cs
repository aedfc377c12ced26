namespace OllyStack.Core.Traces;

/// <summary>The RED metrics derived from spans at ingest: names, labels, label values and histogram buckets.</summary>
public static class SpanMetricNames
{
    public const string Calls = "ollystack_span_calls_total";
    public const string CallsFamily = "ollystack_span_calls";
    public const string Duration = "ollystack_span_duration_seconds";

    /// <summary>Calls from one service to another (labels <c>client</c>, <c>server</c>): the service graph, kept exact whatever sampling later drops.</summary>
    public const string GraphRequests = "ollystack_service_graph_request_total";
    public const string GraphFailedRequests = "ollystack_service_graph_request_failed_total";

    public const string Service = "service";
    public const string Operation = "operation";
    public const string StatusCode = "status_code";
    public const string SpanKind = "span_kind";

    /// <summary>The service of spans whose resource has no <c>service.name</c>, as the OpenTelemetry SDKs default it.</summary>
    public const string UnknownService = "unknown_service";

    /// <summary>
    /// Upper bounds of the duration buckets in seconds (then +Inf): fine below 10 ms where most in-process and RPC
    /// spans fall, coarser up to 15 s for slow requests.
    /// </summary>
    public static readonly double[] DurationBuckets = [0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10, 15];

    public static string StatusCodeName(byte code) => code switch
    {
        1 => "STATUS_CODE_OK",
        2 => "STATUS_CODE_ERROR",
        _ => "STATUS_CODE_UNSET",
    };

    public static string SpanKindName(byte kind) => kind switch
    {
        1 => "SPAN_KIND_INTERNAL",
        2 => "SPAN_KIND_SERVER",
        3 => "SPAN_KIND_CLIENT",
        4 => "SPAN_KIND_PRODUCER",
        5 => "SPAN_KIND_CONSUMER",
        _ => "SPAN_KIND_UNSPECIFIED",
    };
}
