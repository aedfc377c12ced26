using Npgsql;

namespace OllyStack.ControlPlane.Store;

/// <summary>
/// Where the shared control-plane database is: a libpq URL (<c>postgres://user:password@host:5432/database?sslmode=require</c>,
/// what psql and most hosting providers hand out) or Npgsql's <c>Host=...;Database=...</c> settings. Npgsql reads only
/// the latter, so URLs are translated here. Messages never repeat the text: it may hold a password.
/// </summary>
public static class PostgresConnectionString
{
    private const int DefaultPort = 5432;

    /// <summary>The libpq URL parameters with a different name in Npgsql; others are passed on as Npgsql settings.</summary>
    private static readonly Dictionary<string, string> LibpqNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["sslmode"] = "SSL Mode",
        ["connect_timeout"] = "Timeout",
        ["application_name"] = "Application Name",
        ["options"] = "Options",
        ["sslrootcert"] = "Root Certificate",
        ["sslcert"] = "SSL Certificate",
        ["sslkey"] = "SSL Key",
        ["target_session_attrs"] = "Target Session Attributes",
    };

    /// <exception cref="ArgumentException">The text is neither form, or names an unknown setting; the message says which part.</exception>
    public static NpgsqlConnectionStringBuilder Parse(string text)
    {
        var builder = IsUrl(text) ? FromUrl(text) : FromSettings(text);
        if (string.IsNullOrEmpty(builder.Host)) throw new ArgumentException("it names no host: give postgres://HOST:PORT/DATABASE or Host=...;Database=...");
        return builder;
    }

    /// <summary>host:port/database, for messages (never the user or password).</summary>
    public static string Describe(NpgsqlConnectionStringBuilder builder) =>
        $"PostgreSQL at {builder.Host}:{builder.Port}/{builder.Database ?? builder.Username ?? ""}";

    public static bool IsUrl(string text) =>
        text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase);

    private static NpgsqlConnectionStringBuilder FromSettings(string text)
    {
        if (text.Contains("://", StringComparison.Ordinal))
            throw new ArgumentException("its URL scheme is not postgres:// or postgresql://, the two that name a PostgreSQL database");
        try
        {
            return new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException e)
        {
            // Npgsql's message quotes the offending keyword, never the whole text.
            throw new ArgumentException($"it is neither a postgres:// URL nor valid Npgsql settings ({e.Message})", e);
        }
    }

    private static NpgsqlConnectionStringBuilder FromUrl(string text)
    {
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || uri.Host.Length == 0)
            throw new ArgumentException("it is not a valid URL: use postgres://USER:PASSWORD@HOST:PORT/DATABASE");
        var builder = new NpgsqlConnectionStringBuilder
        {
            Host = uri.HostNameType == UriHostNameType.IPv6 ? uri.Host.Trim('[', ']') : uri.Host,
            Port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port,
        };
        if (uri.UserInfo.Length > 0)
        {
            var colon = uri.UserInfo.IndexOf(':');
            builder.Username = Uri.UnescapeDataString(colon < 0 ? uri.UserInfo : uri.UserInfo[..colon]);
            if (colon >= 0) builder.Password = Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]);
        }
        var database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        if (database.Length > 0) builder.Database = database;
        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
            SetParameter(builder, pair);
        return builder;
    }

    private static void SetParameter(NpgsqlConnectionStringBuilder builder, string pair)
    {
        var equals = pair.IndexOf('=');
        var name = Uri.UnescapeDataString(equals < 0 ? pair : pair[..equals]);
        var value = equals < 0 ? "" : Uri.UnescapeDataString(pair[(equals + 1)..].Replace('+', ' '));
        // libpq spells modes verify-full and verify-ca; Npgsql's enumeration spells them VerifyFull and VerifyCA.
        if (name.Equals("sslmode", StringComparison.OrdinalIgnoreCase)) value = value.Replace("-", "");
        try
        {
            builder[LibpqNames.GetValueOrDefault(name, name)] = value;
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidCastException)
        {
            throw new ArgumentException($"its parameter '{name}' is unknown or has an invalid value", e);
        }
    }
}
