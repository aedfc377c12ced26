using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Routing;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Core.Admission;
using OllyStack.Query.Api;

namespace OllyStack.Alerting.Rules.Api;

/// <summary>
/// The rules API on the API port, scoped to the caller's tenant: <c>GET /api/v1/rules</c> in Prometheus' format
/// (with its filters), <c>GET /api/v1/alerts</c> (pending and firing alerts), <c>PUT /api/v1/rules/{group}</c> with one rule group as YAML or JSON to create or replace it,
/// <c>DELETE /api/v1/rules/{group}</c>. Errors use Prometheus' JSON: 400 <c>bad_data</c> naming the problem, 404
/// <c>not_found</c>, 409 <c>conflict</c> for groups that live in files the API does not own, 413 for bodies over 1 MiB.
/// </summary>
/// <param name="authenticateRead">Resolves the caller of GET (answers 401/403 itself and returns null when refused).</param>
/// <param name="authenticateWrite">Resolves the caller of PUT and DELETE, likewise.</param>
public sealed class RulesApi(
    RuleStore store, IRuleStatusSource status, Func<HttpContext, Task<Principal?>> authenticateRead, Func<HttpContext, Task<Principal?>> authenticateWrite)
{
    public const int MaxBodyBytes = 1 << 20;

    private const string GroupPathPrefix = "/api/v1/rules/";

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/rules", context => HandleAsync(context, authenticateRead, ListAsync));
        endpoints.MapGet("/api/v1/alerts", context => HandleAsync(context, authenticateRead, AlertsAsync));
        endpoints.MapPut("/api/v1/rules/{**group}", context => HandleAsync(context, authenticateWrite, PutAsync));
        endpoints.MapDelete("/api/v1/rules/{**group}", context => HandleAsync(context, authenticateWrite, DeleteAsync));
    }

    private static async Task HandleAsync(HttpContext context, Func<HttpContext, Task<Principal?>> authenticate, Func<HttpContext, Principal, Task> handler)
    {
        var principal = await authenticate(context);
        if (principal is null) return;
        try
        {
            await handler(context, principal);
        }
        catch (ApiException e)
        {
            await ApiResponse.ErrorAsync(context, e);
        }
    }

    private async Task ListAsync(HttpContext context, Principal principal)
    {
        var filter = RulesFilter.From(await ApiParameters.ReadAsync(context.Request));
        var rules = store.For(principal.Tenant);
        await ApiResponse.SuccessAsync(context, json => RulesJson.Write(json, rules, filter, status, store.DefaultInterval));
    }

    private Task AlertsAsync(HttpContext context, Principal principal) =>
        ApiResponse.SuccessAsync(context, json => RulesJson.WriteAlerts(json, store.For(principal.Tenant), status));

    private async Task PutAsync(HttpContext context, Principal principal)
    {
        var group = GroupName(context);
        var body = await ReadBodyAsync(context.Request);
        try
        {
            store.Put(principal.Tenant, group, body);
        }
        catch (InvalidRuleGroupException e)
        {
            throw ApiException.BadData($"invalid rule group \"{group}\": {e.Message}");
        }
        catch (RuleGroupConflictException e)
        {
            throw new ApiException(409, "conflict", e.Message);
        }
        catch (IOException e)
        {
            throw new ApiException(500, "internal", $"cannot write rule group \"{group}\": {e.Message}");
        }
        await ApiResponse.SuccessAsync(context, json => json.WriteNullValue());
    }

    private async Task DeleteAsync(HttpContext context, Principal principal)
    {
        var group = GroupName(context);
        bool deleted;
        try
        {
            deleted = store.Delete(principal.Tenant, group);
        }
        catch (RuleGroupConflictException e)
        {
            throw new ApiException(409, "conflict", e.Message);
        }
        catch (IOException e)
        {
            throw new ApiException(500, "internal", $"cannot delete rule group \"{group}\": {e.Message}");
        }
        if (!deleted) throw new ApiException(404, "not_found", $"no rule group \"{group}\"");
        await ApiResponse.SuccessAsync(context, json => json.WriteNullValue());
    }

    /// <summary>
    /// The group name from the raw request target, decoded once: the router leaves <c>%2F</c> encoded, so this is
    /// the only way a name with a '/' arrives as it was sent.
    /// </summary>
    private static string GroupName(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget ?? context.Request.Path.Value ?? "";
        var path = target.Split('?', 2)[0];
        var at = path.IndexOf(GroupPathPrefix, StringComparison.Ordinal);
        var name = at < 0 ? "" : Uri.UnescapeDataString(path[(at + GroupPathPrefix.Length)..]);
        return name.Length > 0 ? name : throw ApiException.BadData("no rule group name in the path: use /api/v1/rules/<group>");
    }

    private static async Task<string> ReadBodyAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw new ApiException(413, "bad_data", $"a rule group may be at most {MaxBodyBytes} bytes");
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw ApiException.BadData("the rule group is not valid UTF-8");
        }
    }
}
