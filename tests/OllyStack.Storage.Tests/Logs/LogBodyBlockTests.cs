using OllyStack.Storage.Logs;
using OllyStack.Storage.Logs.Templates;
using OllyStack.Testing;

namespace OllyStack.Storage.Tests.Logs;

public sealed class LogBodyBlockTests
{
    [Fact]
    public void BodiesComeBackExactlyWhetherATemplateRebuildsThemOrNot()
    {
        string[] bodies =
        [
            "Received block blk_-1608999687919862906 of size 91178 from /10.250.10.6",
            "Received block blk_7503483334202473044 of size 233217 from /10.251.215.16",
            "Received  block  with two spaces 12",
            " leading space 7",
            "trailing space 8 ",
            "",
            "tab\tseparated 9",
            "a literal <*> in a body 10",
            "a literal <*> in a body 11",
            "x<*>5 odd shape",
            "x<*>6 odd shape",
            "unicode: größe 42 ✓",
            "integers 007 +5 -0 -12 0 9223372036854775807 99999999999999999999",
            "Fri Jun 17 07:07:00 2005 connection from 24.54.76.216",
            "Sat Jul  2 07:07:00 2005 connection from 24.54.76.217",
        ];

        Assert.Equal(bodies, RoundTrip(bodies, new TemplateMiner()));
    }

    [Fact]
    public void ABlockDecodesTheSameAfterItsTemplatesAreGeneralisedByLaterBlocks()
    {
        var miner = new TemplateMiner();
        using var encoder = new LogBodyEncoder();
        var first = encoder.Encode(["user alice opened the door now", "user alice opened the door now"], [1, 2], miner);
        encoder.Encode(["user alice closed the door now"], [3], miner);

        using var decoder = new LogBodyDecoder();
        Assert.Equal(["user alice opened the door now", "user alice opened the door now"], decoder.Decode(first));
        Assert.Equal("user alice <*> the door now", miner.Templates[0].Text);
    }

    [Fact]
    public void RepeatedBodiesTakeFarLessRoomThanTheirText()
    {
        var bodies = Enumerable.Range(0, 1000).Select(i => $"GET /api/orders/{i} 200 {i % 97} ms").ToList();

        using var encoder = new LogBodyEncoder();
        var block = encoder.Encode(bodies, Enumerable.Range(0, 1000).Select(i => (long)i).ToList(), new TemplateMiner());

        Assert.True(block.Length < bodies.Sum(b => b.Length) / 5, $"{block.Length} bytes for {bodies.Sum(b => b.Length)} characters");
    }

    [Fact]
    public void AnyDamageToABlockIsReportedNotDecoded()
    {
        using var encoder = new LogBodyEncoder();
        var block = encoder.Encode(["one 1", "two 2", "one 3"], [1, 2, 3], new TemplateMiner());
        using var decoder = new LogBodyDecoder();

        for (var i = 0; i < block.Length; i++)
        {
            var damaged = (byte[])block.Clone();
            damaged[i] ^= 0x20;
            Assert.Throws<InvalidDataException>(() => decoder.Decode(damaged));
        }
        for (var length = 0; length < block.Length; length++) Assert.Throws<InvalidDataException>(() => decoder.Decode(block.AsSpan(0, length)));
    }

    [DatasetFact("loghub")]
    public void EveryLogHubBodyComesBackExactly()
    {
        var loghub = SharedDatasets.Require("loghub");
        foreach (var name in LoghubSystem.Names)
        {
            var bodies = LoghubSystem.Read(loghub, name).Lines.Select(l => l.Content).ToList();
            var miner = new TemplateMiner();
            foreach (var chunk in bodies.Chunk(500)) Assert.Equal(chunk, RoundTrip(chunk, miner));
        }
    }

    private static string[] RoundTrip(IReadOnlyList<string> bodies, TemplateMiner miner)
    {
        using var encoder = new LogBodyEncoder();
        using var decoder = new LogBodyDecoder();
        return decoder.Decode(encoder.Encode(bodies, bodies.Select((_, i) => (long)i).ToList(), miner));
    }
}
