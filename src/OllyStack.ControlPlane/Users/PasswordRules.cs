namespace OllyStack.ControlPlane.Users;

/// <summary>
/// What a new password must be: at least 12 characters (NIST SP 800-63B's advice is length, not composition rules)
/// and at most 1,024, so a request cannot make the server hash megabytes.
/// </summary>
public static class PasswordRules
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 1024;

    public static void Check(string password)
    {
        if (password.Length < MinimumLength)
            throw RequestJson.Invalid($"password must have at least {MinimumLength} characters");
        if (password.Length > MaximumLength)
            throw RequestJson.Invalid($"password must have at most {MaximumLength} characters");
    }
}
