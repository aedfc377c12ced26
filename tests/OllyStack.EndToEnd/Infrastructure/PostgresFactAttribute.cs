using OllyStack.Testing;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A fact that starts its own PostgreSQL server, which needs the Debian package postgresql (scripts/install-test-deps.sh
/// installs it). Skipped at discovery when its binaries are missing, unless CI=true, where it runs and
/// <see cref="PostgresServer.StartAsync"/> fails saying what to install.
/// </summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public PostgresFactAttribute()
    {
        if (PostgresServer.MissingReason is { } missing && !SharedDatasets.RequiredByCi)
            Skip = missing + " (set CI=true to make this a failure)";
    }
}
