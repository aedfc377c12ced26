using OllyStack.Storage.Logs.Templates;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Logs.Templates;

public sealed class TemplateMinerTests
{
    [Fact]
    public void BodiesThatDifferInAFewWordsShareATemplateWithWildcardsThere()
    {
        var miner = new TemplateMiner();

        var first = miner.Add("Connection closed by client alice", 10);
        var second = miner.Add("Connection closed by client bob", 20);

        Assert.Same(first, second);
        Assert.Equal("Connection closed by client <*>", second!.Text);
        Assert.Equal(2, second.Count);
        Assert.Equal((10, 20), (second.FirstSeenUnixNano, second.LastSeenUnixNano));
    }

    [Fact]
    public void TokensWithDigitsKeepOnlyTheirShapeFromTheFirstBody()
    {
        var miner = new TemplateMiner();

        var template = miner.Add("Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6", 1);

        Assert.Equal("Received block blk_-<*> of size <*> from /<*>.<*>.<*>.<*>", template!.Text);
        Assert.Equal(1, template.WildcardCount);
    }

    [Fact]
    public void BodiesOfDifferentLengthsOrMostlyDifferentWordsStartTemplatesOfTheirOwn()
    {
        var miner = new TemplateMiner();

        var opened = miner.Add("session opened for user root", 1);
        var longer = miner.Add("session opened for user root by cron", 2);
        var other = miner.Add("disk quota exceeded on volume", 3);

        Assert.Equal(3, new[] { opened, longer, other }.Select(t => t!.Id).Distinct().Count());
        Assert.Equal(["session opened for user root", "session opened for user root by cron", "disk quota exceeded on volume"], miner.Templates.Select(t => t.Text));
    }

    [Fact]
    public void WhitespaceRunsSplitTokensLikeSingleSpaces()
    {
        var miner = new TemplateMiner();

        var spaced = miner.Add("worker  started\tin pool", 1);

        Assert.Same(spaced, miner.Add("worker started in pool", 2));
        Assert.Equal(["worker", "started", "in", "pool"], spaced!.Tokens);
    }

    [Fact]
    public void MatchingFindsTheTemplateWithoutChangingIt()
    {
        var miner = new TemplateMiner();
        var template = miner.Add("session for alice opened from the console", 1)!;

        Assert.Same(template, miner.Match("session for carol opened from the console"));
        Assert.Null(miner.Match("session for carol closed"));
        Assert.Equal("session for alice opened from the console", template.Text);
        Assert.Equal(1, template.Count);
    }

    [Fact]
    public void TokensAreComparedByShapeSoIdsAndNumbersInsideThemNeverTellBodiesApart()
    {
        var miner = new TemplateMiner();

        var first = miner.Add("ambient=30", 1);
        var second = miner.Add("ambient=31", 2);
        var other = miner.Add("threshold=31", 3);

        Assert.Same(first, second);
        Assert.Equal("ambient=<*>", second!.Text);
        Assert.NotSame(first, other);
        Assert.Equal("SOCKS<*> <*>x<*> <*>.<*>.<*>.<*>:<*> <*>", miner.Add("SOCKS5 0x1f 10.0.0.1:80 Jun", 4)!.Text);
    }

    [Theory]
    [InlineData("ambient=30", "ambient=<*>", true)]
    [InlineData("ambient=30", "ambient=", false)]
    [InlineData("blk_-1608999687919862906", "blk_-<*>", true)]
    [InlineData("d2f4a5b6", "<*>", true)]
    [InlineData("Fri", "<*>", true)]
    [InlineData("HTTPS", "HTTPS", true)]
    [InlineData("HTTPS", "<*>", false)]
    public void AShapeIsRecognisedWithoutBuildingIt(string token, string shape, bool expected)
    {
        Assert.Equal(expected, LogTokens.HasShape(token, shape));
        Assert.Equal(expected, LogTokens.Shape(token) == shape);
    }

    [Fact]
    public void AFullLeafGivesNoTemplateToABodyUnlikeAllOfItsTemplates()
    {
        var miner = new TemplateMiner(new TemplateMinerOptions { MaxTemplatesPerLeaf = 2 });
        miner.Add("alpha beta gamma delta epsilon", 1);
        miner.Add("alpha beta zeta eta theta", 2);

        Assert.Null(miner.Add("alpha beta iota kappa lambda", 3));
        Assert.Equal(2, miner.Templates.Count);
        Assert.Equal(0, miner.Add("alpha beta gamma delta mu", 4)!.Id);
    }

    [Fact]
    public void AnEmptyBodyHasTheTemplateWithoutTokens()
    {
        var miner = new TemplateMiner();

        var empty = miner.Add("", 1);

        Assert.Same(empty, miner.Add("   ", 2));
        Assert.Equal("", empty!.Text);
    }

    /// <summary>
    /// One miner configuration for all 16 LogHub systems, against Drain's published figures, which were tuned per
    /// system and had per-system masking rules (../shared/datasets/loghub/SCORING.md).
    /// </summary>
    [DatasetFact("loghub")]
    public void GroupingAccuracyOnLogHubBeatsDrainsPublishedMean()
    {
        var loghub = SharedDatasets.Require("loghub");
        var accuracies = new List<double>();
        foreach (var name in LoghubSystem.Names)
        {
            var system = LoghubSystem.Read(loghub, name);
            var miner = new TemplateMiner();
            var groups = system.Lines.Select((line, i) => miner.Add(line.Content, i)?.Id ?? -1 - i).ToList();
            accuracies.Add(system.GroupingAccuracy(groups));
        }

        Assert.True(accuracies.Average() > DrainPublishedMean, $"mean grouping accuracy {accuracies.Average():F4}; by system {string.Join(", ", accuracies.Select(a => a.ToString("F3")))}");
    }

    /// <summary>The unweighted mean of Drain's 16 published loghub_2k grouping accuracies.</summary>
    private const double DrainPublishedMean = 0.8654;
}
