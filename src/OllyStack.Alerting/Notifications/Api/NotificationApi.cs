using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Alerting.Notifications.Matching;
using OllyStack.Alerting.Notifications.Silencing;
using OllyStack.Core.Admission;
using OllyStack.Query.Api;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Notifications.Api;

/// <summary>
/// The notification endpoints on the API port, scoped to the caller's tenant: Alertmanager's v2 silences API (its
/// JSON shapes; errors as a JSON string, as Alertmanager answers), the tenant's Alertmanager configuration and the
/// notification log. Reading needs <c>metrics:read</c>; silencing and replacing the configuration <c>alerts:manage</c>.
/// </summary>
public sealed class NotificationApi(NotificationService service, Func<HttpContext, Permissions, Task<Principal?>> authenticate)
{
    private const int MaxConfigBytes = 1 << 20;

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v2/silences", context => HandleAsync(context, Permissions.MetricsRead, ListSilencesAsync));
        endpoints.MapPost("/api/v2/silences", context => HandleAsync(context, Permissions.AlertsManage, PostSilenceAsync));
        endpoints.MapGet("/api/v2/silence/{id}", context => HandleAsync(context, Permissions.MetricsRead, GetSilenceAsync));
        endpoints.MapDelete("/api/v2/silence/{id}", context => HandleAsync(context, Permissions.AlertsManage, ExpireSilenceAsync));
        endpoints.MapGet("/api/v1/alertmanager/config", context => HandleAsync(context, Permissions.MetricsRead, GetConfigAsync));
        endpoints.MapPut("/api/v1/alertmanager/config", context => HandleAsync(context, Permissions.AlertsManage, PutConfigAsync));
        endpoints.MapGet("/api/v1/notifications", context => HandleAsync(context, Permissions.MetricsRead, NotificationsAsync));
    }

    private async Task HandleAsync(HttpContext context, Permissions permission, Func<HttpContext, TenantNotifier, Task> handler)
    {
        var principal = await authenticate(context, permission);
        if (principal is null) return;
        try
        {
            await handler(context, service.For(principal.Tenant));
        }
        catch (SilenceException e)
        {
            await WriteJsonAsync(context, e.NotFound ? 404 : 400, json => json.WriteStringValue(e.Message));
        }
        catch (ApiException e)
        {
            await ApiResponse.ErrorAsync(context, e);
        }
    }

    private Task ListSilencesAsync(HttpContext context, TenantNotifier notifier)
    {
        var filters = new List<Matcher>();
        foreach (var filter in context.Request.Query["filter"])
        {
            try
            {
                filters.AddRange(MatcherParser.Parse(filter ?? ""));
            }
            catch (FormatException e)
            {
                throw new SilenceException("bad matcher format: " + e.Message);
            }
        }
        var now = service.Time.GetUtcNow();
        var silences = notifier.Silences.List().Where(s => MatchesFilter(s, filters));
        return WriteJsonAsync(context, 200, json =>
        {
            json.WriteStartArray();
            foreach (var silence in silences) SilenceJson.Write(json, silence, now);
            json.WriteEndArray();
        });
    }

    /// <summary>Alertmanager's filter: the silence's equality matchers, read as labels, must satisfy every filter matcher.</summary>
    private static bool MatchesFilter(Silence silence, List<Matcher> filters)
    {
        if (filters.Count == 0) return true;
        var labels = Labels.Of(silence.Matchers.Where(m => m.Type == MatcherType.Equal).Select(m => (m.Name, m.Value)));
        return filters.All(f => f.Matches(labels.Get(f.Name)));
    }

    private static async Task PostSilenceAsync(HttpContext context, TenantNotifier notifier)
    {
        SilenceRequest request;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            request = SilenceJson.ReadRequest(body.RootElement);
        }
        catch (JsonException e)
        {
            throw new SilenceException("body is not valid JSON: " + e.Message);
        }
        var id = notifier.Silences.Set(request);
        await WriteJsonAsync(context, 200, json =>
        {
            json.WriteStartObject();
            json.WriteString("silenceID", id);
            json.WriteEndObject();
        });
    }

    private Task GetSilenceAsync(HttpContext context, TenantNotifier notifier)
    {
        var id = (string)context.Request.RouteValues["id"]!;
        var silence = notifier.Silences.Get(id) ?? throw new SilenceException($"silence {id} not found", notFound: true);
        return WriteJsonAsync(context, 200, json => SilenceJson.Write(json, silence, service.Time.GetUtcNow()));
    }

    private static Task ExpireSilenceAsync(HttpContext context, TenantNotifier notifier)
    {
        notifier.Silences.Expire((string)context.Request.RouteValues["id"]!);
        context.Response.StatusCode = 200;
        return Task.CompletedTask;
    }

    private static async Task GetConfigAsync(HttpContext context, TenantNotifier notifier)
    {
        var config = notifier.Config ?? throw new ApiException(404, "not_found", "this tenant has no Alertmanager configuration; PUT one to /api/v1/alertmanager/config");
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/yaml";
        await context.Response.WriteAsync(config.Source, context.RequestAborted);
    }

    private async Task PutConfigAsync(HttpContext context, TenantNotifier notifier)
    {
        var text = await ReadBodyAsync(context);
        try
        {
            service.ApplyConfig(notifier.Tenant, text);
        }
        catch (AlertmanagerConfigException e)
        {
            throw ApiException.BadData("invalid Alertmanager configuration: " + e.Message);
        }
        await ApiResponse.SuccessAsync(context, json => json.WriteNullValue());
    }

    private static Task NotificationsAsync(HttpContext context, TenantNotifier notifier)
    {
        var query = context.Request.Query;
        var limit = int.TryParse(query["limit"], out var l) && l > 0 ? l : int.MaxValue;
        var attempts = notifier.Log.Query(Optional(query["receiver"]), Optional(query["group_key"]), limit);
        return ApiResponse.SuccessAsync(context, json =>
        {
            json.WriteStartArray();
            foreach (var attempt in attempts)
            {
                json.WriteStartObject();
                json.WriteString("time", SilenceJson.Time(attempt.Time));
                json.WriteString("tenant", attempt.Tenant);
                json.WriteString("receiver", attempt.Receiver);
                json.WriteString("integration", attempt.Integration);
                json.WriteString("groupKey", attempt.GroupKey);
                json.WriteNumber("alerts", attempt.AlertCount);
                json.WriteString("status", attempt.Status);
                if (attempt.Error is null) json.WriteNull("error");
                else json.WriteString("error", attempt.Error);
                json.WriteNumber("attempt", attempt.Attempt);
                json.WriteBoolean("willRetry", attempt.WillRetry);
                json.WriteEndObject();
            }
            json.WriteEndArray();
        });
    }

    private static string? Optional(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static async Task<string> ReadBodyAsync(HttpContext context)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxConfigBytes) throw new ApiException(413, "bad_data", $"the configuration is larger than {MaxConfigBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await using var json = new Utf8JsonWriter(context.Response.Body);
        write(json);
    }
}
