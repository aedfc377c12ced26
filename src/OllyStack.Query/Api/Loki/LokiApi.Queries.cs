using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using OllyStack.Core.Admission;
using OllyStack.Query.LogQL;
using OllyStack.Query.LogQL.Evaluation;
using OllyStack.Query.LogQL.Syntax;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Api.Loki;

/// <summary>LogQL over HTTP: <c>/loki/api/v1/query</c> (metric queries at an instant) and <c>/loki/api/v1/query_range</c>.</summary>
public sealed partial class LokiApi
{
    /// <summary>A query that runs longer is stopped with a 503 naming the limit.</summary>
    private static readonly TimeSpan QueryTimeout = TimeSpan.FromMinutes(2);

    private async Task InstantQueryAsync(HttpContext context, Principal principal)
    {
        var parameters = await ParametersAsync(context);
        var query = Parse(parameters.Query);
        var time = parameters.TimeUnixNano("time", parameters.NowUnixNano);
        var value = await RunAsync(context, token => _engine.QueryInstant(principal.Tenant, query, time, token));
        await WriteMetricAsync(context, value);
    }

    private async Task RangeQueryAsync(HttpContext context, Principal principal)
    {
        var parameters = await ParametersAsync(context);
        var query = Parse(parameters.Query);
        var (start, end) = parameters.Range();
        if (query is LogSelectorExpr logs)
        {
            var (limit, direction) = (parameters.Limit(), parameters.Direction());
            var elapsed = Stopwatch.StartNew();
            var result = await RunAsync(context, token => _engine.QueryLogs(principal.Tenant, logs, start, end, limit, direction, token));
            await WriteStreamsAsync(context, result, elapsed.Elapsed);
            return;
        }
        var step = parameters.StepUnixNano(start, end);
        var matrix = await RunAsync(context, token => _engine.QueryRange(principal.Tenant, (MetricExpr)query, start, end, step, token));
        await WriteMetricAsync(context, matrix);
    }

    private static LogQLExpr Parse(string query)
    {
        try
        {
            return LogQLParser.Parse(query);
        }
        catch (LogQLParseException e)
        {
            throw ApiException.BadData(e.Message);
        }
    }

    /// <summary>Runs the query off the request thread; its errors become Loki's answers (400 for what the user can fix).</summary>
    private static async Task<T> RunAsync<T>(HttpContext context, Func<CancellationToken, T> query)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        timeout.CancelAfter(QueryTimeout);
        try
        {
            return await Task.Run(() => query(timeout.Token), timeout.Token);
        }
        catch (Exception e) when (e is LogQLEvaluationException or LogQLLimitException or LogQLParseException)
        {
            throw ApiException.BadData(e.Message);
        }
        catch (OperationCanceledException) when (!context.RequestAborted.IsCancellationRequested)
        {
            throw new ApiException(503, "timeout", $"the query ran longer than {QueryTimeout.TotalSeconds:0} s; narrow the selector or the time range");
        }
        catch (OperationCanceledException)
        {
            throw new ApiException(499, "canceled", "the client closed the request");
        }
    }

    /// <summary>Without statistics: the engine does not count what metric queries read, and zeros would say they read nothing.</summary>
    private static Task WriteMetricAsync(HttpContext context, QueryValue value) =>
        ApiResponse.SuccessAsync(context, (json, flush) => QueryResultWriter.WriteAsync(json, value, flush));

    /// <summary>Loki's streams result: per final label set, its lines as [nanoseconds as text, line].</summary>
    private static Task WriteStreamsAsync(HttpContext context, LogQueryResult result, TimeSpan elapsed) => ApiResponse.SuccessAsync(context, json =>
    {
        json.WriteStartObject();
        json.WriteString("resultType", "streams");
        json.WriteStartArray("result");
        foreach (var stream in result.Streams) WriteStream(json, stream.Labels, stream.Entries);
        json.WriteEndArray();
        WriteStats(json, result.Statistics, elapsed);
        json.WriteEndObject();
    });

    private static void WriteStream(Utf8JsonWriter json, Labels labels, IEnumerable<LogLine> entries)
    {
        json.WriteStartObject();
        json.WriteStartObject("stream");
        foreach (var label in labels) json.WriteString(label.Name, label.Value);
        json.WriteEndObject();
        json.WriteStartArray("values");
        foreach (var entry in entries)
        {
            json.WriteStartArray();
            json.WriteStringValue(entry.TimeUnixNano.ToString(System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStringValue(entry.Line);
            json.WriteEndArray();
        }
        json.WriteEndArray();
        json.WriteEndObject();
    }

    /// <summary>The summary part of Loki's statistics, which Grafana shows under the query.</summary>
    private static void WriteStats(Utf8JsonWriter json, LogScanStatistics scanned, TimeSpan elapsed)
    {
        var seconds = Math.Max(elapsed.TotalSeconds, 1e-9);
        json.WriteStartObject("stats");
        json.WriteStartObject("summary");
        json.WriteNumber("bytesProcessedPerSecond", (long)(scanned.BytesScanned / seconds));
        json.WriteNumber("linesProcessedPerSecond", (long)(scanned.LinesScanned / seconds));
        json.WriteNumber("totalBytesProcessed", scanned.BytesScanned);
        json.WriteNumber("totalLinesProcessed", scanned.LinesScanned);
        json.WriteNumber("execTime", elapsed.TotalSeconds);
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
