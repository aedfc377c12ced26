using OllyStack.Query.Warmup;

namespace OllyStack.Query.Tests.Warmup;

public sealed class QueryWarmupTests : IDisposable
{
    private static readonly long NowMs = DateTimeOffset.Parse("2026-11-25T10:07:31Z").ToUnixTimeMilliseconds();
    private readonly string _root = Directory.CreateTempSubdirectory("ollystack-warmup-test-").FullName;

    private string Store => Path.Combine(_root, "query-warmup");

    [Fact]
    public void EveryWarmupQueryAnswersOverEachPlaceSamplesLive()
    {
        var report = QueryWarmup.Run(Store, NowMs, maxRounds: 2, CancellationToken.None);

        Assert.Equal(2, report.Rounds);
        Assert.True(report.Evaluations >= 2 * 20, $"{report.Evaluations} queries evaluated");
        // An empty answer would mean a query that warms nothing: a matcher or metric name the fleet does not have.
        Assert.Equal(0, report.EmptyAnswers);
        Assert.True(report.Points > report.Evaluations, $"{report.Points} points");
        Assert.False(Directory.Exists(Store));
    }

    [Fact]
    public void AStoreLeftBehindByAKilledServerIsReplacedThenRemoved()
    {
        Directory.CreateDirectory(Path.Combine(Store, "2026-11-24"));
        File.WriteAllText(Path.Combine(Store, "series.log"), "not a series log");

        var report = QueryWarmup.Run(Store, NowMs, maxRounds: 1, CancellationToken.None);

        Assert.Equal(0, report.EmptyAnswers);
        Assert.False(Directory.Exists(Store));
    }

    [Fact]
    public void CancellingStopsTheWarmupAndRemovesItsStore()
    {
        using var cancel = new CancellationTokenSource();
        cancel.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => QueryWarmup.Run(Store, NowMs, cancel.Token));
        Assert.False(Directory.Exists(Store));
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
