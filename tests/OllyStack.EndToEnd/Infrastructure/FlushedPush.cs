using System.Net;
using System.Text;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// Sends one log line or span and waits until a flush has written it to a part of its own, so that records sent
/// one after another land in separate parts (retention drops whole parts). Sent as <c>tenant</c> with its
/// <c>key</c>, or as the operator's tenant with the bootstrap admin key when the key is null.
/// </summary>
internal static class FlushedPush
{
    private const long Second = 1_000_000_000;

    /// <summary>One line over the Loki push API.</summary>
    public static async Task LineAsync(ServerProcess server, string tenant, string? key, string service, long timeUnixNano, string line)
    {
        var json = $$"""{"streams": [{"stream": {"service_name": "{{service}}"}, "values": [["{{timeUnixNano}}", "{{line}}"]]}]}""";
        await SendAsync(server, tenant, key, StoredParts.Logs, "/loki/api/v1/push", json, HttpStatusCode.NoContent, $"'{line}' in a part");
    }

    /// <summary>One span over OTLP/JSON.</summary>
    public static async Task SpanAsync(ServerProcess server, string tenant, string? key, string service, string traceId, long startUnixNano)
    {
        var json = $$$"""
            {"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"{{{service}}}"}}]},
              "scopeSpans":[{"spans":[{"traceId":"{{{traceId}}}","spanId":"00000000000000aa","name":"GET /","kind":2,
                "startTimeUnixNano":"{{{startUnixNano}}}","endTimeUnixNano":"{{{startUnixNano + Second / 10}}}"}]}]}]}
            """;
        await SendAsync(server, tenant, key, StoredParts.Traces, "/v1/traces", json, HttpStatusCode.OK, $"trace {traceId} in a part");
    }

    private static async Task SendAsync(ServerProcess server, string tenant, string? key, string store, string path, string json, HttpStatusCode expected, string what)
    {
        var before = StoredParts.NewestFlush(server, store, tenant);
        using var push = server.PushClient(key);
        using var response = await push.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(expected, response.StatusCode);
        await Poll.UntilAsync(() => Task.FromResult(StoredParts.NewestFlush(server, store, tenant) > before), TimeSpan.FromSeconds(30), what);
    }
}
