using System.Security.Cryptography;
using System.Text;
using OllyStack.ControlPlane.Keys;

namespace OllyStack.ControlPlane.Tests;

public sealed class KeyHashTests
{
    [Fact]
    public void TextIsTheLowerCaseHexSha256OfTheUtf8Key()
    {
        var key = ApiKeyFormat.NewKey();

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), KeyHash.Of(key).ToString());
    }

    [Fact]
    public void TextParsesBackToTheSameHash()
    {
        var hash = KeyHash.Of(ApiKeyFormat.NewKey());

        Assert.Equal(hash, KeyHash.Parse(hash.ToString()));
        Assert.Equal(hash, KeyHash.Parse(hash.ToString().ToUpperInvariant()));
    }

    [Fact]
    public void KeysLongerThanTheStackBufferHashLikeShortOnes()
    {
        var key = "olly_" + new string('\u00e9', 400);

        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))), KeyHash.Of(key).ToString());
    }

    [Fact]
    public void DifferentKeysHashDifferently()
    {
        Assert.NotEqual(KeyHash.Of("olly_a"), KeyHash.Of("olly_b"));
        Assert.Equal(KeyHash.Of("olly_a"), KeyHash.Of("olly_a".AsSpan()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abcd")]
    [InlineData("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a0800")]
    [InlineData("zz86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")]
    public void TextThatIsNotThirtyTwoHexBytesIsRefused(string text)
    {
        Assert.Throws<FormatException>(() => KeyHash.Parse(text));
    }
}
