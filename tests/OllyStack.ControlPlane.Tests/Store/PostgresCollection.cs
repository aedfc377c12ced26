namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>
/// The tests that need a PostgreSQL server: they share one, started by the first of them, and each makes a database
/// of its own on it. Their <see cref="StoreFactAttribute"/> facts are skipped outside CI when PostgreSQL is missing.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "PostgreSQL";
}
