namespace OllyStack.Storage.Logs;

/// <summary>
/// Attribute names as log labels, the way Loki maps OpenTelemetry attributes: every character that is not an ASCII
/// letter, digit or underscore becomes an underscore (<c>service.name</c> -> <c>service_name</c>), and a name that
/// starts with a digit gets a leading underscore.
/// </summary>
public static class LogLabelNames
{
    public static string Sanitize(string name)
    {
        if (IsValid(name)) return name;
        var chars = new char[name.Length + 1];
        var length = 0;
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) chars[length++] = '_';
        foreach (var c in name) chars[length++] = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_';
        return new string(chars, 0, length);
    }

    private static bool IsValid(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
            if (!(char.IsAsciiLetterOrDigit(c) || c == '_')) return false;
        return true;
    }
}
