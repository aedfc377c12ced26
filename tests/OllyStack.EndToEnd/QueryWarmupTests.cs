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

    [Fact]
    public async Task AWarmupThatCannotWriteItsStoreIsReportedAndTheServerServesOn()
    {
        await using var server = await ServerProcess.StartAsync();
        await server.StopAsync();
        await File.WriteAllTextAsync(Path.Combine(server.DataDir, "query-warmup"), "a file where the warm-up wants its folder");

        await server.StartAgainAsync("--query-warmup", "true");

        await Poll.UntilAsync(() => Task.FromResult(server.Output.Contains("warning: the query warm-up failed")), TimeSpan.FromSeconds(60), "the warm-up's failure to be reported");
        Assert.DoesNotContain("query path warmed up:", server.Output);
        using var admin = server.ApiClient();
        using var answer = JsonDocument.Parse(await admin.GetStringAsync("/api/v1/query?query=vector(1)"));
        Assert.Equal("success", answer.RootElement.GetProperty("status").GetString());
    }
}
