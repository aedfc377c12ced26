using System.Text;
using OllyStack.Storage.Logs;

namespace OllyStack.Storage.Tests.Logs;

public sealed class TrigramBloomTests
{
    [Fact]
    public void EverySubstringOfABodyMayBeContained()
    {
        var random = new Random(7);
        var bodies = Enumerable.Range(0, 500).Select(i => $"request {random.Next()} took {random.Next(1000)}ms path=/api/v{i % 3}/orders").ToList();
        var filter = TrigramBloom.Build(bodies);

        foreach (var body in bodies.Take(100))
            for (var start = 0; start < body.Length; start += 3)
                for (var length = 3; start + length <= body.Length; length += 5)
                    Assert.True(TrigramBloom.MayContain(filter, Encoding.UTF8.GetBytes(body.Substring(start, length))));
    }

    [Fact]
    public void MostTextsThatNoBodyContainsAreRuledOut()
    {
        var bodies = Enumerable.Range(0, 2000).Select(i => $"GET /api/orders/{i} 200 {i % 97}ms").ToList();
        var filter = TrigramBloom.Build(bodies);

        var absent = Enumerable.Range(0, 1000).Count(i => !TrigramBloom.MayContain(filter, Encoding.UTF8.GetBytes($"timeout-{i}")));

        Assert.True(absent > 990, $"{absent} of 1000 ruled out");
    }

    [Fact]
    public void TextsShorterThanATrigramAreNeverRuledOut()
    {
        var filter = TrigramBloom.Build(["abcdef"]);

        Assert.True(TrigramBloom.MayContain(filter, "zz"u8));
        Assert.True(TrigramBloom.MayContain([], ""u8));
        Assert.False(TrigramBloom.MayContain(TrigramBloom.Build(["ab"]), "abc"u8));
    }
}
