using OllyStack.Testing;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A fact that starts its own PostgreSQL server, which needs the Debian package postgresql (scripts/install-test-deps.sh
/// installs it). Skipped at discovery when its binaries are missing, unless CI=true, where it runs and
/// <see cref="PostgresServer.StartAsync"/> fails saying what to install.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute() => Skip = SharedDatasets.SkipUnlessCi(PostgresServer.MissingReason);
}
