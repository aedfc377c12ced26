using Microsoft.AspNetCore.Http;
using OllyStack.Query.Api;
using OllyStack.Query.Api.Loki;
using OllyStack.Query.LogQL;

namespace OllyStack.Query.Tests.Api;

public sealed class LokiParametersTests
{
    private const long Now = 1_700_000_000_000_000_000;
    private const long Second = 1_000_000_000;

    private static async Task<LokiParameters> Parse(string query)
    {
        var context = new DefaultHttpContext();
        context.Request.QueryString = new QueryString("?" + query);
        return new LokiParameters(await ApiParameters.ReadAsync(context.Request), Now);
    }

    private static LokiParameters Parsed(string query) => Parse(query).GetAwaiter().GetResult();

    [Theory]
    [InlineData("1700000000", Now)]
    [InlineData("1700000000000000000", Now)]
    [InlineData("1700000000.5", Now + Second / 2)]
    [InlineData("2023-11-14T22:13:20Z", Now)]
    [InlineData("2023-11-14T22:13:20.25Z", Now + Second / 4)]
    public async Task TimesAreNanosecondsSecondsOrRfc3339(string text, long expected) =>
        Assert.Equal(expected, (await Parse("start=" + Uri.EscapeDataString(text))).TimeUnixNano("start", 0));

    [Fact]
    public async Task WithoutStartAndEndARangeIsTheLastHour() =>
        Assert.Equal((Now - 3600 * Second, Now), (await Parse("")).Range());

    [Fact]
    public async Task SinceMovesTheStartBackFromTheEnd() =>
        Assert.Equal((Now - 600 * Second - 300 * Second, Now - 600 * Second), (await Parse($"end={(Now - 600 * Second)}&since=5m")).Range());

    [Fact]
    public async Task AnEndBeforeTheStartIsRefused() =>
        Assert.Equal(400, (await Assert.ThrowsAsync<ApiException>(async () => (await Parse("start=20&end=10")).Range())).StatusCode);

    [Theory]
    [InlineData("", 0, 3600, 14)]
    [InlineData("", 0, 60, 1)]
    [InlineData("step=30s", 0, 3600, 30)]
    [InlineData("step=15", 0, 3600, 15)]
    public async Task TheStepIsGivenOrAbout250PointsOverTheRange(string query, long start, long end, long seconds) =>
        Assert.Equal(seconds * Second, (await Parse(query)).StepUnixNano(start * Second, end * Second));

    [Fact]
    public async Task LimitAndDirectionDefaultLikeLokiAndAreChecked()
    {
        var defaults = await Parse("");
        Assert.Equal((100, LogDirection.Backward), (defaults.Limit(), defaults.Direction()));
        var given = await Parse("limit=7&direction=FORWARD");
        Assert.Equal((7, LogDirection.Forward), (given.Limit(), given.Direction()));
        Assert.Contains("max entries limit", Assert.Throws<ApiException>(() => Parsed("limit=5001").Limit()).Message);
        Assert.Throws<ApiException>(() => Parsed("limit=-1").Limit());
        Assert.Throws<ApiException>(() => Parsed("direction=sideways").Direction());
    }

    [Fact]
    public void AMissingQueryIsNamed() =>
        Assert.Contains("query parameter", Assert.Throws<ApiException>(() => Parsed("").Query).Message);
}
