using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Google.Protobuf;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>
/// Loki push through the real binary, in the shapes Loki clients send: snappy protobuf as Promtail and Grafana Alloy
/// do, and gzipped JSON; each push is durable in the tenant of its key, whatever X-Scope-OrgID says.
/// </summary>
public sealed class LokiPushTests : IAsyncLifetime
{
    private const long T0 = 1_700_000_000_000_000_000;
    private ServerProcess _server = null!;

    public async Task InitializeAsync() => _server = await ServerProcess.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task PushedStreamsAreDurableAsLogRecordsOfTheKeysTenant()
    {
        using var push = _server.PushClient();
        push.DefaultRequestHeaders.Add("X-Scope-OrgID", "shop");
        var protobuf = new ByteArrayContent(Snappier.Snappy.CompressToArray(PushRequest(
            "{job=\"checkout\", level=\"error\"}", T0, "payment failed", ("trace_id", "0af7651916cd43dd8448eb211c80319c"))));
        protobuf.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        Assert.Equal(HttpStatusCode.NoContent, (await push.PostAsync("/loki/api/v1/push", protobuf)).StatusCode);
        var json = JsonContent("""{"streams": [{"stream": {"job": "cart", "level": "info"}, "values": [["1700000000000000001", "added item", {"user": "u-17"}]]}]}""", gzip: true);
        Assert.Equal(HttpStatusCode.NoContent, (await push.PostAsync("/loki/api/v1/push", json)).StatusCode);

        var logs = WalContents.Logs(_server.DataDir);
        var failed = Assert.Single(logs, l => l.Body == "payment failed");
        Assert.Equal(("default", "error", 17, "0af7651916cd43dd8448eb211c80319c"), (failed.Tenant, failed.Severity, failed.SeverityNumber, failed.TraceId));
        Assert.Equal(new Dictionary<string, string> { ["job"] = "checkout", ["level"] = "error" }, failed.Resource);
        var added = Assert.Single(logs, l => l.Body == "added item");
        Assert.Equal(("default", "info", 9), (added.Tenant, added.Severity, added.SeverityNumber));
        Assert.Equal("u-17", added.Attributes["user"]);
        Assert.Equal(2, await _server.MetricAsync("ollystack_ingest_requests_total{signal=\"logs\",protocol=\"loki_push\",code=\"204\"}"));
    }

    [Fact]
    public async Task AKeyOfAnotherTenantWritesThereEvenWhenXScopeOrgIDNamesDefault()
    {
        using var admin = _server.ApiClient();
        await ApiRequests.CreateTenantAsync(admin, "shop");
        var created = await admin.PostAsync("/api/v1/admin/tenants/shop/keys", new StringContent("{\"name\":\"promtail\",\"scopes\":[\"ingest\"]}"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("data").GetProperty("key").GetString();
        using var push = _server.PushClient(secret);
        push.DefaultRequestHeaders.Add("X-Scope-OrgID", "default");

        var response = await push.PostAsync("/loki/api/v1/push", JsonContent("""{"streams": [{"stream": {"job": "shop"}, "values": [["1700000000000000000", "shop line"]]}]}"""));

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal("shop", Assert.Single(WalContents.Logs(_server.DataDir), l => l.Body == "shop line").Tenant);
    }

    [Fact]
    public async Task BadPushesAreRefusedWithTheirStatusAndStoreNothing()
    {
        using var push = _server.PushClient();
        await ExpectAsync(push, JsonContent("""{"streams": [{"stream": {"job": "x"}, "values": [[1, "bad-time"]]}]}"""),
            HttpStatusCode.BadRequest, "streams[0].values[0][0]: expected a string of Unix epoch nanoseconds");
        var badLabels = new ByteArrayContent(Snappier.Snappy.CompressToArray(PushRequest("{job=x}", T0, "bad-labels")));
        badLabels.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        await ExpectAsync(push, badLabels, HttpStatusCode.BadRequest, "the value of label 'job' must be a double-quoted string");
        var bomb = new ByteArrayContent(Snappier.Snappy.CompressToArray(new byte[20 * 1024 * 1024]));
        bomb.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
        await ExpectAsync(push, bomb, HttpStatusCode.RequestEntityTooLarge, "exceeds the request limit");
        using (var anonymous = _server.PushClient(""))
            await ExpectAsync(anonymous, JsonContent("""{"streams": []}"""), HttpStatusCode.Unauthorized, "missing API key");

        Assert.DoesNotContain(WalContents.Logs(_server.DataDir), l => l.Body is "bad-time" or "bad-labels");
        Assert.Equal(HttpStatusCode.NoContent, (await push.PostAsync("/loki/api/v1/push",
            JsonContent("""{"streams": [{"stream": {"job": "x"}, "values": [["1", "still serving"]]}]}"""))).StatusCode);
    }

    private static async Task ExpectAsync(HttpClient client, HttpContent content, HttpStatusCode expected, string messagePart)
    {
        var response = await client.PostAsync("/loki/api/v1/push", content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {text}");
        Assert.Contains(messagePart, text);
    }

    private static ByteArrayContent JsonContent(string json, bool gzip = false)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        if (gzip)
        {
            using var output = new MemoryStream();
            using (var stream = new GZipStream(output, CompressionLevel.Fastest)) stream.Write(bytes);
            bytes = output.ToArray();
        }
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (gzip) content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    /// <summary>A logproto.PushRequest of one stream and entry, by Loki's field numbers (see LokiProtobuf in the ingest tests).</summary>
    private static byte[] PushRequest(string labels, long timeUnixNano, string line, params (string Name, string Value)[] metadata)
    {
        var timestamp = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.Varint);
            o.WriteInt64(timeUnixNano / 1_000_000_000);
            o.WriteTag(2, WireFormat.WireType.Varint);
            o.WriteInt32((int)(timeUnixNano % 1_000_000_000));
        });
        var entry = Message(o =>
        {
            Bytes(o, 1, timestamp);
            o.WriteTag(2, WireFormat.WireType.LengthDelimited);
            o.WriteString(line);
            foreach (var (name, value) in metadata)
                Bytes(o, 3, Message(p => { p.WriteTag(1, WireFormat.WireType.LengthDelimited); p.WriteString(name); p.WriteTag(2, WireFormat.WireType.LengthDelimited); p.WriteString(value); }));
        });
        var stream = Message(o =>
        {
            o.WriteTag(1, WireFormat.WireType.LengthDelimited);
            o.WriteString(labels);
            Bytes(o, 2, entry);
        });
        return Message(o => Bytes(o, 1, stream));
    }

    private static void Bytes(CodedOutputStream output, int field, byte[] message)
    {
        output.WriteTag(field, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(message));
    }

    private static byte[] Message(Action<CodedOutputStream> write)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream, leaveOpen: true);
        write(output);
        output.Flush();
        return stream.ToArray();
    }
}
