using OllyStack.ControlPlane.Cost;

namespace OllyStack.ControlPlane.Tests.Cost;

public sealed class ByteSizeTests
{
    [Theory]
    [InlineData("100TB", "100000000000000")]
    [InlineData("100 TB", "100000000000000")]
    [InlineData("500gb", "500000000000")]
    [InlineData("1.5TiB", "1649267441664")]
    [InlineData("2KiB", "2048")]
    [InlineData("1PB", "1000000000000000")]
    [InlineData("42B", "42")]
    [InlineData("2e12", "2000000000000")]
    [InlineData(" 1234 ", "1234")]
    public void SizesReadAsPeopleWriteThem(string text, string bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var parsed));
        Assert.Equal(decimal.Parse(bytes, System.Globalization.CultureInfo.InvariantCulture), parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("TB")]
    [InlineData("12 parsecs")]
    [InlineData("1,5TB")]
    [InlineData("-")]
    [InlineData(null)]
    public void AnythingElseIsNotASize(string? text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
        var error = Assert.Throws<CostInputException>(() => ByteSize.Parse("ingest_bytes_per_day", text));
        Assert.Equal("ingest_bytes_per_day", error.Field);
    }
}
