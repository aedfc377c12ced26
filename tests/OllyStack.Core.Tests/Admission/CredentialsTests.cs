using OllyStack.Core.Admission;

namespace OllyStack.Core.Tests.Admission;

public sealed class CredentialsTests
{
    [Theory]
    [InlineData("Bearer olly_abc", "olly_abc")]
    [InlineData("bearer olly_abc", "olly_abc")]
    [InlineData("BEARER   olly_abc  ", "olly_abc")]
    [InlineData("  Bearer olly_abc", "olly_abc")]
    public void BearerTokenIsTheKey(string authorization, string expected)
    {
        Assert.Equal(expected, Credentials.FromHeaders(authorization, null).ToString());
    }

    [Fact]
    public void KeyHeaderWinsOverAuthorization()
    {
        Assert.Equal("olly_header", Credentials.FromHeaders("Bearer olly_bearer", " olly_header ").ToString());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void BlankKeyHeaderFallsBackToAuthorization(string keyHeader)
    {
        Assert.Equal("olly_bearer", Credentials.FromHeaders("Bearer olly_bearer", keyHeader).ToString());
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Token olly_abc")]
    [InlineData("olly_abc")]
    [InlineData("Bearer")]
    [InlineData("Bearerolly_abc")]
    [InlineData("")]
    [InlineData(null)]
    public void OtherSchemesAndBareValuesGiveNoKey(string? authorization)
    {
        Assert.True(Credentials.FromHeaders(authorization, null).IsEmpty);
    }
}
