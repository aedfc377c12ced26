namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>Label names as Loki makes them from JSON keys, logfmt keys and metadata: letters, digits and <c>_</c>, not starting with a digit.</summary>
internal static class LabelNames
{
    public static bool IsValid(ReadOnlySpan<char> name)
    {
        if (name.IsEmpty || char.IsAsciiDigit(name[0])) return false;
        foreach (var c in name)
            if (!char.IsAsciiLetterOrDigit(c) && c != '_') return false;
        return true;
    }

    /// <summary>Every other character becomes <c>_</c>, and a leading digit gets a <c>_</c> before it.</summary>
    public static string Sanitize(ReadOnlySpan<char> name)
    {
        var prefix = !name.IsEmpty && char.IsAsciiDigit(name[0]) ? 1 : 0;
        return string.Create(name.Length + prefix, (prefix, name.ToString()), static (span, state) =>
        {
            if (state.prefix == 1) span[0] = '_';
            for (var i = 0; i < state.Item2.Length; i++)
            {
                var c = state.Item2[i];
                span[i + state.prefix] = char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_';
            }
        });
    }
}
