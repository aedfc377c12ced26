using Npgsql;
using OllyStack.ControlPlane.Store;
using OllyStack.Testing;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>Reading the control_plane setting; none of these needs a server.</summary>
public sealed class PostgresConnectionStringTests
{
    [Fact]
    public void AUrlBecomesNpgsqlSettingsWithItsEscapesUndone()
    {
        var builder = PostgresConnectionString.Parse("postgres://olly%40ops:p%40ss%3Aword@db.example.com:6543/control%20plane?sslmode=verify-full&application_name=node-a");

        Assert.Equal(("db.example.com", 6543, "olly@ops", "p@ss:word", "control plane"), (builder.Host, builder.Port, builder.Username, builder.Password, builder.Database));
        Assert.Equal((SslMode.VerifyFull, "node-a"), (builder.SslMode, builder.ApplicationName));
    }

    [Theory]
    [InlineData("postgresql://db/ollystack", "db", 5432)]
    [InlineData("postgres://[::1]:5433/ollystack", "::1", 5433)]
    public void AUrlNeedsNoMoreThanAHostAndDatabase(string url, string host, int port)
    {
        var builder = PostgresConnectionString.Parse(url);

        Assert.Equal((host, port, "ollystack"), (builder.Host, builder.Port, builder.Database));
    }

    [Fact]
    public void NpgsqlSettingsAreTakenAsTheyAre()
    {
        var builder = PostgresConnectionString.Parse("Host=10.0.0.5;Port=5433;Database=olly;Username=olly;Maximum Pool Size=20");

        Assert.Equal(("10.0.0.5", 5433, "olly", 20), (builder.Host, builder.Port, builder.Database, builder.MaxPoolSize));
        Assert.Equal("PostgreSQL at 10.0.0.5:5433/olly", PostgresConnectionString.Describe(builder));
    }

    [Theory]
    [InlineData("postgres://olly:secret@db/olly?colour=red", "'colour'")]
    [InlineData("postgres://olly:secret@db/olly?sslmode=sometimes", "'sslmode'")]
    [InlineData("Host=db;Password=secret;Colour=red", "neither a postgres:// URL nor valid Npgsql settings")]
    [InlineData("mysql://olly:secret@db/olly", "its URL scheme is not postgres://")]
    [InlineData("Database=olly;Password=secret", "names no host")]
    public void AnUnusableSettingIsExplainedWithoutRepeatingThePassword(string text, string reason)
    {
        var error = Assert.Throws<ArgumentException>(() => PostgresConnectionString.Parse(text));

        Assert.Contains(reason, error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }

    [Fact]
    public void AServerThatDoesNotListenIsNamedWithTheSettingToCorrect()
    {
        var port = PostgresServer.FreePort();

        var error = Assert.Throws<ControlPlaneStoreException>(() => PostgresControlPlaneStore.Open($"postgres://olly:secret@127.0.0.1:{port}/olly"));

        Assert.StartsWith($"cannot connect to PostgreSQL at 127.0.0.1:{port}/olly", error.Message);
        Assert.Contains("--control-plane (OLLYSTACK_CONTROL_PLANE)", error.Message);
        Assert.DoesNotContain("secret", error.Message);
    }
}
