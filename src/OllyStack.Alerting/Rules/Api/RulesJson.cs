using System.Globalization;
using System.Text.Json;
using OllyStack.Alerting.Evaluation;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Alerting.Rules.Templates;
using OllyStack.Query.Api;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Rules.Api;

/// <summary>
/// The <c>data</c> of <c>GET /api/v1/rules</c> in Prometheus' shape — groups with their rules, each rule with its
/// state, health and alerts — plus two fields of OllyStack's: <c>evaluationMode</c> (<c>incremental</c>,
/// <c>streaming</c> or <c>interval</c>, once the engine runs the rule) and <c>queryLanguage</c> (<c>promql</c> or <c>logql</c>).
/// Durations are seconds; times RFC 3339 (Go's zero time before the first evaluation); alert values Go's <c>%e</c>.
/// </summary>
internal static class RulesJson
{
    private const string NeverEvaluated = "0001-01-01T00:00:00Z";

    public static void Write(Utf8JsonWriter json, TenantRules rules, RulesFilter filter, IRuleStatusSource status, TimeSpan defaultInterval)
    {
        json.WriteStartObject();
        json.WriteStartArray("groups");
        foreach (var group in rules.Groups.Where(filter.Passes))
        {
            var selected = group.Rules.Where(filter.Passes).ToList();
            if (selected.Count == 0 && filter.FiltersRules) continue;
            WriteGroup(json, group, selected, filter, status, defaultInterval);
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The <c>data</c> of <c>GET /api/v1/alerts</c>: every pending and firing alert of the tenant's alerting rules.</summary>
    public static void WriteAlerts(Utf8JsonWriter json, TenantRules rules, IRuleStatusSource status)
    {
        json.WriteStartObject();
        json.WriteStartArray("alerts");
        foreach (var group in rules.Groups)
            foreach (var rule in group.Rules)
                foreach (var alert in status.StatusOf(group, rule)?.Alerts ?? []) WriteAlert(json, alert);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteGroup(Utf8JsonWriter json, RuleGroup group, List<Rule> rules, RulesFilter filter, IRuleStatusSource status, TimeSpan defaultInterval)
    {
        var groupStatus = status.StatusOf(group);
        json.WriteStartObject();
        json.WriteString("name", group.Name);
        json.WriteString("file", group.File);
        json.WriteStartArray("rules");
        foreach (var rule in rules) WriteRule(json, rule, status.StatusOf(group, rule), filter.ExcludeAlerts);
        json.WriteEndArray();
        json.WriteNumber("interval", (group.Interval ?? defaultInterval).TotalSeconds);
        json.WriteNumber("limit", group.Limit);
        json.WriteNumber("evaluationTime", groupStatus?.EvaluationTime.TotalSeconds ?? 0);
        json.WriteString("lastEvaluation", Time(groupStatus?.LastEvaluation));
        json.WriteEndObject();
    }

    private static void WriteRule(Utf8JsonWriter json, Rule rule, RuleStatus? status, bool excludeAlerts)
    {
        var alerting = rule.Kind == RuleKind.Alerting;
        json.WriteStartObject();
        if (alerting) json.WriteString("state", Name(status?.State ?? AlertState.Inactive));
        json.WriteString("name", rule.Name);
        json.WriteString("query", rule.Query.Canonical);
        if (alerting)
        {
            json.WriteNumber("duration", rule.For.TotalSeconds);
            json.WriteNumber("keepFiringFor", rule.KeepFiringFor.TotalSeconds);
        }
        WriteLabels(json, "labels", rule.Labels);
        if (alerting)
        {
            WriteLabels(json, "annotations", rule.Annotations);
            json.WriteStartArray("alerts");
            if (!excludeAlerts) foreach (var alert in status?.Alerts ?? []) WriteAlert(json, alert);
            json.WriteEndArray();
        }
        json.WriteString("health", Name(status?.Health ?? RuleHealth.Unknown));
        if (!string.IsNullOrEmpty(status?.LastError)) json.WriteString("lastError", status.LastError);
        json.WriteNumber("evaluationTime", status?.EvaluationTime.TotalSeconds ?? 0);
        json.WriteString("lastEvaluation", Time(status?.LastEvaluation));
        json.WriteString("type", alerting ? "alerting" : "recording");
        if (status is not null) json.WriteString("evaluationMode", Name(status.Mode));
        json.WriteString("queryLanguage", Name(rule.Query.Language));
        json.WriteEndObject();
    }

    private static void WriteAlert(Utf8JsonWriter json, ActiveAlertStatus alert)
    {
        json.WriteStartObject();
        WriteLabels(json, "labels", alert.Labels);
        WriteLabels(json, "annotations", alert.Annotations);
        json.WriteString("state", Name(alert.State));
        json.WriteString("activeAt", Time(alert.ActiveAt));
        if (alert.KeepFiringSince is { } since) json.WriteString("keepFiringSince", Time(since));
        json.WriteString("value", GoFloat.FormatE(alert.Value, -1));
        json.WriteEndObject();
    }

    private static void WriteLabels(Utf8JsonWriter json, string name, Labels labels)
    {
        json.WritePropertyName(name);
        ApiResponse.WriteLabels(json, labels.Select(l => (l.Name, l.Value)));
    }

    /// <summary>Go's time.Time in JSON (RFC 3339 with only the fractional digits needed), in UTC.</summary>
    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture) ?? NeverEvaluated;

    private static string Name<T>(T value) where T : struct, Enum => value.ToString().ToLowerInvariant();
}
