namespace OllyStack.Log;

/// <summary>Topic and consumer-group names become file names, so both are limited to [a-z0-9_-]+.</summary>
internal static class LogNames
{
    private const int MaxLength = 200;

    public static bool IsValid(string name)
    {
        if (name.Length is 0 or > MaxLength) return false;
        foreach (var c in name)
        {
            if (c is not ((>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-')) return false;
        }
        return true;
    }

    public static void EnsureValid(string name, string kind)
    {
        ArgumentNullException.ThrowIfNull(name, kind);
        if (!IsValid(name)) throw new ArgumentException($"{kind} name '{name}' must match [a-z0-9_-]+ (at most {MaxLength} characters)", kind);
    }
}
