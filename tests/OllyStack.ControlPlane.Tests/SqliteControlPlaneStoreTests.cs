using OllyStack.ControlPlane.Store;

namespace OllyStack.ControlPlane.Tests;

public sealed class SqliteControlPlaneStoreTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public void TheDatabaseIsCreatedInAMissingDataDirectoryReadableOnlyByItsOwner()
    {
        var directory = Path.Combine(_data.Path, "nested", "data");

        using (SqliteControlPlaneStore.Open(directory))
        {
        }

        Assert.True(File.Exists(Path.Combine(directory, SqliteControlPlaneStore.FileName)));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(directory, SqliteControlPlaneStore.FileName)));
    }

    [Fact]
    public void ANonDatabaseFileIsReportedWithItsPath()
    {
        File.WriteAllText(Path.Combine(_data.Path, SqliteControlPlaneStore.FileName), "this is not a database, just text that is long enough to have a header");

        var error = Assert.Throws<InvalidDataException>(() => SqliteControlPlaneStore.Open(_data.Path));

        Assert.Contains(SqliteControlPlaneStore.FileName, error.Message);
        Assert.Contains("restore it from a backup", error.Message);
    }
}
