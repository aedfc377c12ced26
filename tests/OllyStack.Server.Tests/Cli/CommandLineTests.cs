using OllyStack.Server.Cli;

namespace OllyStack.Server.Tests.Cli;

public sealed class CommandLineTests
{
    [Fact]
    public void FlagTakesTheNextArgumentAsItsValue()
    {
        var line = CommandLine.Parse(["serve", "--data-dir", "/tmp/data", "--http-port", "9000"]);

        Assert.Equal(["serve"], line.Words);
        Assert.Equal(new Dictionary<string, string> { ["data-dir"] = "/tmp/data", ["http-port"] = "9000" }, line.Flags);
    }

    [Fact]
    public void FlagCanCarryItsValueAfterAnEqualsSign()
    {
        var line = CommandLine.Parse(["serve", "--listen=0.0.0.0", "--name=a=b", "--empty="]);

        Assert.Equal("0.0.0.0", line.Flag("listen"));
        Assert.Equal("a=b", line.Flag("name"));
        Assert.Equal("", line.Flag("empty"));
    }

    [Theory]
    [InlineData("--json")]
    [InlineData("--verify")]
    [InlineData("--help")]
    [InlineData("-h")]
    public void BooleanFlagsTakeNoValue(string flag)
    {
        var line = CommandLine.Parse(["key", flag, "list"]);

        Assert.Equal(["key", "list"], line.Words);
        Assert.Equal("true", line.Flag(flag == "-h" ? "help" : flag[2..]));
    }

    [Fact]
    public void WordsMayFollowFlags()
    {
        var line = CommandLine.Parse(["key", "revoke", "--tenant", "acme", "key_0123456789ab"]);

        Assert.Equal(["key", "revoke", "key_0123456789ab"], line.Words);
        Assert.Equal("acme", line.Flag("tenant"));
    }

    [Fact]
    public void LaterFlagWins()
    {
        Assert.Equal("2", CommandLine.Parse(["--a", "1", "--a=2"]).Flag("a"));
    }

    [Fact]
    public void FlagWithoutAValueAtTheEndIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandLine.Parse(["key", "create", "--tenant"]));

        Assert.Equal("--tenant needs a value", error.Message);
    }

    [Fact]
    public void NoArgumentsMeansNoWordsAndNoFlags()
    {
        var line = CommandLine.Parse([]);

        Assert.Empty(line.Words);
        Assert.Empty(line.Flags);
        Assert.False(line.Has("help"));
        Assert.Null(line.Flag("help"));
    }

    [Fact]
    public void FlagsExceptLeavesOutTheNamedOnes()
    {
        var line = CommandLine.Parse(["serve", "--data-dir", "d", "--server", "s", "--json"]);

        Assert.Equal(new Dictionary<string, string> { ["data-dir"] = "d" }, line.FlagsExcept("server", "json"));
        Assert.Equal(3, line.Flags.Count);
    }
}
