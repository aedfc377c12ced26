using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Query.PromQL;
using OllyStack.Query.PromQL.Caching;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage.Metrics;

namespace OllyStack.Query.Api;

/// <summary>
/// /api/v1/query and /api/v1/query_range: PromQL over the caller's tenant only, with Prometheus' parameters,
/// result shapes and error types (400 bad_data for a query that does not parse, 422 execution for one that fails
/// or exceeds a limit, 503 timeout).
/// </summary>
public sealed class QueryEndpoints(MetricsStore store, PromQLEngineOptions options, RangeResultCache cache)
{
    /// <summary>Prometheus refuses range queries with more points per series than this.</summary>
    public const long MaxPointsPerSeries = 11_000;

    public async Task InstantAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var expr = Parse(parameters);
        var time = parameters.TimeMs("time", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var value = await EvaluateAsync(context, parameters, principal, (_, engine, token) => engine.EvaluateInstant(expr, time, token));
        await ApiResponse.SuccessAsync(context, (json, flush) => QueryResultWriter.WriteAsync(json, value, flush));
    }

    public async Task RangeAsync(HttpContext context, Principal principal)
    {
        var parameters = await ApiParameters.ReadAsync(context.Request);
        var expr = Parse(parameters);
        if (expr.Type is not (ExprType.Scalar or ExprType.InstantVector))
            throw ApiException.BadData($"invalid expression type \"{expr.Type.Describe()}\" for range query, must be Scalar or instant Vector");
        var start = Required(parameters, "start");
        var end = Required(parameters, "end");
        if (end < start) throw ApiException.BadData("invalid parameter \"end\": end timestamp must not be before start time");
        var step = parameters.DurationMs("step") ?? throw ApiException.BadData("invalid parameter \"step\": cannot parse \"\" to a valid duration");
        if (step <= 0) throw ApiException.BadData("invalid parameter \"step\": zero or negative query resolution step widths are not accepted. Try a positive integer");
        if ((end - start) / step > MaxPointsPerSeries)
            throw ApiException.BadData("exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)");
        var value = await EvaluateAsync(context, parameters, principal, (tenant, engine, token) => tenant is null
            ? engine.EvaluateRange(expr, start, end, step, token)
            : cache.Evaluate(principal.Tenant, tenant.SettledGeneration, expr, start, end, step, (from, to) => engine.EvaluateRange(expr, from, to, step, token)));
        await ApiResponse.SuccessAsync(context, (json, flush) => QueryResultWriter.WriteAsync(json, value, flush));
    }

    private async Task<QueryValue> EvaluateAsync(
        HttpContext context, ApiParameters parameters, Principal principal, Func<TenantMetrics?, PromQLEngine, CancellationToken, QueryValue> evaluate)
    {
        var tenant = store.Find(principal.Tenant);
        ISeriesSource source = tenant is null ? new InMemorySeriesSource() : new MetricsStoreSeriesSource(tenant);
        var engine = new PromQLEngine(source, WithTimeout(parameters));
        try
        {
            return await Task.Run(() => evaluate(tenant, engine, context.RequestAborted), context.RequestAborted);
        }
        catch (QueryLimitException e) when (e.Message.Contains("timed out", StringComparison.OrdinalIgnoreCase))
        {
            throw new ApiException(503, "timeout", e.Message);
        }
        catch (QueryLimitException e)
        {
            throw new ApiException(422, "execution", e.Message);
        }
        catch (PromQLEvaluationException e)
        {
            throw new ApiException(422, "execution", e.Message);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            throw new ApiException(499, "canceled", "the client closed the request");
        }
    }

    private PromQLEngineOptions WithTimeout(ApiParameters parameters)
    {
        var timeout = parameters.DurationMs("timeout");
        if (timeout is null || timeout <= 0) return options;
        var limit = TimeSpan.FromMilliseconds(Math.Min(timeout.Value, (long)options.Limits.Timeout.TotalMilliseconds));
        return options with { Limits = options.Limits with { Timeout = limit } };
    }

    private static Expr Parse(ApiParameters parameters)
    {
        var query = parameters.Get("query");
        if (string.IsNullOrWhiteSpace(query)) throw ApiException.BadData("invalid parameter \"query\": unknown position: parse error: no expression found in input");
        try
        {
            return PromQLParser.Parse(query);
        }
        catch (PromQLParseException e)
        {
            throw ApiException.BadData($"invalid parameter \"query\": {e.Message}");
        }
    }

    private static long Required(ApiParameters parameters, string name) =>
        parameters.Get(name) is null ? throw ApiException.BadData($"invalid parameter \"{name}\": cannot parse \"\" to a valid timestamp") : parameters.TimeMs(name, 0);
}
