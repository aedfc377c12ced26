namespace OllyStack.Query.Api;

/// <summary>
/// What /api/v1/status/buildinfo reports. Grafana reads <c>version</c> to pick the features it uses, so OllyStack
/// reports the Prometheus API level it implements (2.42, the Debian release whose semantics it follows).
/// </summary>
public static class BuildInfo
{
    public const string PrometheusVersion = "2.42.0";

    public static string OllyStackVersion => typeof(BuildInfo).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
}
