using System.Text.RegularExpressions;
using OllyStack.ControlPlane.Users;

namespace OllyStack.ControlPlane.Tests.Users;

public sealed class PasswordHashTests
{
    private const string Password = "correct horse battery staple";

    [Fact]
    public void AHashVerifiesItsPasswordAndNoOther()
    {
        var hash = PasswordHash.Create(Password, 1_000);

        Assert.True(hash.Verify(Password));
        Assert.False(hash.Verify("correct horse battery stapl"));
        Assert.False(hash.Verify(""));
    }

    [Fact]
    public void TheEncodingNamesAlgorithmAndIterationsBesideSaltAndHashAndReadsBack()
    {
        var hash = PasswordHash.Create(Password);

        var encoded = hash.ToString();

        Assert.Matches(new Regex(@"^\$pbkdf2-sha256\$i=600000\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$"), encoded);
        var read = PasswordHash.Parse(encoded);
        Assert.NotNull(read);
        Assert.Equal(600_000, read.Iterations);
        Assert.True(read.Verify(Password));
        Assert.Equal(encoded, read.ToString());
    }

    [Fact]
    public void EachHashOfTheSamePasswordHasItsOwnSalt()
    {
        Assert.NotEqual(PasswordHash.Create(Password, 1_000).ToString(), PasswordHash.Create(Password, 1_000).ToString());
    }

    [Fact]
    public void AHashWrittenByAnotherImplementationOfTheDocumentedFormatVerifies()
    {
        // Python: hashlib.pbkdf2_hmac('sha256', b'correct horse battery staple', bytes(range(16)), 1000), base64 without padding.
        var hash = PasswordHash.Parse("$pbkdf2-sha256$i=1000$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4");

        Assert.NotNull(hash);
        Assert.True(hash.Verify(Password));
    }

    [Theory]
    [InlineData("")]
    [InlineData("plain text")]
    [InlineData("$bcrypt$i=1000$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4")]
    [InlineData("$pbkdf2-sha256$1000$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4")]
    [InlineData("$pbkdf2-sha256$i=999$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4")]
    [InlineData("$pbkdf2-sha256$i=1000$AAECAwQFBgcICQoLDA0O$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4")]
    [InlineData("$pbkdf2-sha256$i=1000$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8")]
    [InlineData("$pbkdf2-sha256$i=1000$AAECAwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4$extra")]
    [InlineData("$pbkdf2-sha256$i=1000$!!!!AwQFBgcICQoLDA0ODw$ppsXnjrdPB4KryJ6DrOqKqhkWrhv7PbKAMF1Eml8cZ4")]
    public void AnythingButTheDocumentedFormatDoesNotRead(string encoded)
    {
        Assert.Null(PasswordHash.Parse(encoded));
    }

    [Fact]
    public void AHashMadeWithFewerIterationsThanAskedForNeedsRehashing()
    {
        var hash = PasswordHash.Create(Password, 1_000);

        Assert.True(hash.NeedsRehash(600_000));
        Assert.False(hash.NeedsRehash(1_000));
    }
}
