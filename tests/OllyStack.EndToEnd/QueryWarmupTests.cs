using System.Text.Json;
using OllyStack.EndToEnd.Infrastructure;

namespace OllyStack.EndToEnd;

/// <summary>The real binary warms its query path after starting, in the background, without a trace in any tenant.</summary>
public sealed class QueryWarmupTests
{
    [Fact]
    public async Task TheServerWarmsItsQueryPathThenRemovesTheWarmupStore()
    {
        await using var server = await ServerProcess.StartAsync("--query-warmup", "true");
        using var admin = server.ApiClient();

        await Poll.UntilAsync(() => Task.FromResult(server.Output.Contains("query path warmed up:")), TimeSpan.FromSeconds(60), "the query warm-up to finish");

        Assert.DoesNotContain("warning: the query warm-up failed", server.Output);
        Assert.False(Directory.Exists(Path.Combine(server.DataDir, "query-warmup")));
        Assert.False(Directory.Exists(Path.Combine(server.DataDir, "metrics", "query-warmup")));
        using var series = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/series?match[]={job=\"node\"}"));
        Assert.Equal(0, series.RootElement.GetProperty("data").GetArrayLength());
        Assert.DoesNotContain("query-warmup", await admin.GetStringAsync("/api/v1/admin/tenants"));
    }
}
