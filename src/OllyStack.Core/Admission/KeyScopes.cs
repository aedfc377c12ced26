namespace OllyStack.Core.Admission;

/// <summary>What an API key may do.</summary>
[Flags]
public enum KeyScopes
{
    None = 0,
    Ingest = 1,
    Query = 2,
    Admin = 4,
    All = Ingest | Query | Admin,
}

public static class KeyScopeNames
{
    public static IReadOnlyList<string> ToNames(this KeyScopes scopes)
    {
        var names = new List<string>(3);
        if (scopes.HasFlag(KeyScopes.Ingest)) names.Add("ingest");
        if (scopes.HasFlag(KeyScopes.Query)) names.Add("query");
        if (scopes.HasFlag(KeyScopes.Admin)) names.Add("admin");
        return names;
    }

    public static bool TryParse(IEnumerable<string> names, out KeyScopes scopes, out string? unknown)
    {
        scopes = KeyScopes.None;
        unknown = null;
        foreach (var name in names)
        {
            switch (name.Trim().ToLowerInvariant())
            {
                case "ingest": scopes |= KeyScopes.Ingest; break;
                case "query": scopes |= KeyScopes.Query; break;
                case "admin": scopes |= KeyScopes.Admin; break;
                default: unknown = name; return false;
            }
        }
        return true;
    }
}
