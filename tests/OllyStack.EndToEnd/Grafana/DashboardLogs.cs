using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd.Grafana;

/// <summary>
/// A running server holding what a Grafana logs dashboard reads: the last twenty seconds of a checkout service's
/// request log in logfmt (one line a second, every fifth a 500 in the <c>level="error"</c> stream) and two lines of a
/// cart service, the second with a <c>trace_id</c> in its structured metadata, pushed with the Loki push API. Shared
/// by a test class; the lines are queryable once <see cref="InitializeAsync"/> returns.
/// </summary>
public sealed class DashboardLogs : IAsyncLifetime
{
    public const int CheckoutLines = 20;

    /// <summary>Checkout lines 0, 5, 10 and 15 are errors.</summary>
    public const int CheckoutErrors = 4;

    public const int CartLines = 2;

    /// <summary>The trace of cart line 1, sent as structured metadata.</summary>
    public const string CartTraceId = "5b8efff798038103d269b633813fc60c";

    /// <summary>Lines carry a sub-millisecond part, as clients stamp them, which Grafana's millisecond ranges never hit exactly.</summary>
    public const long SubMillisecondNanos = 250_000;

    private const long Second = 1_000_000_000;

    internal ServerProcess Server { get; private set; } = null!;

    /// <summary>Unix milliseconds just after the last line, a whole multiple of 10 s so steps of 10 s fall on it.</summary>
    public long EndMs { get; private set; }

    private long EndNanos => EndMs * 1_000_000;

    /// <summary>Checkout line <paramref name="i"/> (0 to 19) is stamped <c>20 - i</c> seconds before the end.</summary>
    public long CheckoutTime(int i) => EndNanos - (CheckoutLines - i) * Second + SubMillisecondNanos;

    public static string CheckoutLine(int i) =>
        $"level={Level(i)} msg=\"GET /api/orders/{i}\" status={(IsError(i) ? 500 : 200)} duration={i}ms";

    public static bool IsError(int i) => i % 5 == 0;

    public static string Level(int i) => IsError(i) ? "error" : "info";

    /// <summary>Cart lines are 15.5 and 5.5 seconds before the end, never at the same time as a checkout line.</summary>
    public long CartTime(int i) => EndNanos - (15 - 10 * i) * Second - Second / 2 + SubMillisecondNanos;

    public async Task InitializeAsync()
    {
        Server = await ServerProcess.StartAsync();
        try
        {
            await LoadAsync();
        }
        catch
        {
            // Stop the server now rather than count on the runner disposing a fixture that failed to initialise
            // (disposing twice is harmless).
            await Server.DisposeAsync();
            throw;
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    private async Task LoadAsync()
    {
        EndMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() / 10_000 * 10_000;
        var streams = new[] { "info", "error" }.Select(level => new
        {
            stream = new Dictionary<string, string> { ["service_name"] = "checkout", ["level"] = level },
            values = Enumerable.Range(0, CheckoutLines).Where(i => Level(i) == level).Select(i => Entry(CheckoutTime(i), CheckoutLine(i))).ToArray(),
        }).Append(new
        {
            stream = new Dictionary<string, string> { ["service_name"] = "cart", ["level"] = "info" },
            values = Enumerable.Range(0, CartLines)
                .Select(i => Entry(CartTime(i), $"level=info msg=\"cart loaded\" items={i + 1}", i == 1 ? new Dictionary<string, string> { ["trace_id"] = CartTraceId } : null))
                .ToArray(),
        });
        using var push = Server.PushClient();
        using var response = await push.PostAsync("/loki/api/v1/push",
            new StringContent(JsonSerializer.Serialize(new { streams }), Encoding.UTF8, "application/json"));
        if (response.StatusCode != HttpStatusCode.NoContent)
            throw new InvalidOperationException($"push: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");

        using var api = Server.ApiClient();
        await Poll.UntilAsync(async () => await LinesStoredAsync(api) == CheckoutLines + CartLines, TimeSpan.FromSeconds(30),
            $"all {CheckoutLines + CartLines} lines to be queryable");
    }

    /// <summary>A push entry: <c>[nanoseconds, line]</c>, or with structured metadata <c>[nanoseconds, line, {name: value}]</c>.</summary>
    private static object[] Entry(long nanos, string line, Dictionary<string, string>? metadata = null) =>
        metadata is null ? [nanos.ToString(CultureInfo.InvariantCulture), line] : [nanos.ToString(CultureInfo.InvariantCulture), line, metadata];

    private async Task<int> LinesStoredAsync(HttpClient api)
    {
        var query = Uri.EscapeDataString("sum(count_over_time({service_name=~\".+\"}[1m]))");
        using var response = await api.GetAsync($"/loki/api/v1/query?query={query}&time={EndNanos}");
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"{(int)response.StatusCode} {body}");
        var result = JsonDocument.Parse(body).RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() == 0 ? 0 : int.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture);
    }
}
