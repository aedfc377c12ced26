using OllyStack.Core.Tenancy;

namespace OllyStack.Core.Tests.Tenancy;

public sealed class TenantNameTests
{
    [Theory]
    [InlineData("default")]
    [InlineData("a")]
    [InlineData("acme-prod_2")]
    [InlineData("0")]
    [InlineData("-")]
    public void LowerCaseLettersDigitsDashesAndUnderscoresAreValid(string name)
    {
        Assert.True(TenantName.IsValid(name));
    }

    [Fact]
    public void SixtyFourCharactersIsTheLongestValidName()
    {
        Assert.True(TenantName.IsValid(new string('a', 64)));
        Assert.False(TenantName.IsValid(new string('a', 65)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Acme")]
    [InlineData("acme prod")]
    [InlineData("acme/prod")]
    [InlineData("..")]
    [InlineData("acme.prod")]
    [InlineData("caf\u00e9")]
    [InlineData("acme\n")]
    public void NamesUnsafeInPathsOrLabelsAreInvalid(string? name)
    {
        Assert.False(TenantName.IsValid(name));
    }
}
