namespace OllyStack.ControlPlane.Users;

/// <summary>
/// User names (the login): 1-128 of lower-case letters, digits and <c>. _ - @ +</c>, so an e-mail address is one.
/// Unique within a tenant.
/// </summary>
public static class UserName
{
    public const int MaximumLength = 128;

    public static bool IsValid(string? name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > MaximumLength) return false;
        foreach (var c in name)
            if (!IsAllowed(c)) return false;
        return true;
    }

    /// <summary>
    /// A valid name made from what an identity provider calls the user (preferred_username, e-mail or subject):
    /// lower-cased, other characters replaced by '-', cut to the maximum length; null if nothing usable is left.
    /// </summary>
    public static string? From(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var chars = text.Trim().ToLowerInvariant().Select(c => IsAllowed(c) ? c : '-').Take(MaximumLength).ToArray();
        var name = new string(chars).Trim('-');
        return name.Length > 0 ? name : null;
    }

    private static bool IsAllowed(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9' or '.' or '_' or '-' or '@' or '+';
}
