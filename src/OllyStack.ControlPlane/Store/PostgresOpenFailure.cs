using System.Net.Sockets;
using Npgsql;

namespace OllyStack.ControlPlane.Store;

/// <summary>Turns a failure to open the shared control-plane database into a message that says what to do about it.</summary>
internal static class PostgresOpenFailure
{
    private const string Setting = "--control-plane (OLLYSTACK_CONTROL_PLANE)";

    public static ControlPlaneStoreException Of(NpgsqlException e, NpgsqlConnectionStringBuilder builder, string location) => e switch
    {
        PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } refused =>
            new($"{location} refused the login of user '{builder.Username}' ({refused.MessageText}): correct the user or password in {Setting}", e),
        PostgresException { SqlState: PostgresErrorCodes.InvalidCatalogName } =>
            new($"{location} has no database '{builder.Database}': create it (createdb {builder.Database}) or name an existing one in {Setting}", e),
        PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege } denied =>
            new($"{location} refused to create or read the control plane's tables ({denied.MessageText}): let user '{builder.Username}' own the database, or run the first start as its owner", e),
        PostgresException other =>
            new($"{location} refused to open the control plane: {other.MessageText} (SQLSTATE {other.SqlState})", e),
        _ when Unreachable(e) =>
            new($"cannot connect to {location} ({Reason(e)}): start PostgreSQL there, or point {Setting} at the server the other nodes use", e),
        _ => new($"cannot open the control plane at {location}: {Reason(e)}", e),
    };

    private static bool Unreachable(Exception e) =>
        e.InnerException is SocketException or TimeoutException or IOException || e is NpgsqlException { IsTransient: true };

    private static string Reason(Exception e) => (e.InnerException ?? e).Message.TrimEnd('.');
}
