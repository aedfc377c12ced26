namespace OllyStack.Storage.Logs.Templates;

/// <summary>
/// A mined log template: the tokens its bodies share, with <see cref="Wildcard"/> where they differ (the variables),
/// and how often and when it was seen. The miner generalises a template as new bodies join it, so its tokens only
/// ever turn into wildcards; its <see cref="Id"/> never changes.
/// </summary>
public sealed class LogTemplate
{
    /// <summary>How a variable position is written in a template's text, as Drain and Loki's pattern view write it.</summary>
    public const string Wildcard = "<*>";

    private readonly string[] _tokens;

    internal LogTemplate(int id, string[] tokens, long timeUnixNano)
    {
        Id = id;
        _tokens = tokens;
        FirstSeenUnixNano = timeUnixNano;
        LastSeenUnixNano = timeUnixNano;
    }

    public int Id { get; }

    public IReadOnlyList<string> Tokens => _tokens;

    public long Count { get; private set; }

    public long FirstSeenUnixNano { get; private set; }

    public long LastSeenUnixNano { get; private set; }

    /// <summary>The template as text: its tokens joined by single spaces.</summary>
    public string Text => string.Join(' ', _tokens);

    public int WildcardCount => _tokens.Count(IsWildcard);

    public static bool IsWildcard(string token) => ReferenceEquals(token, Wildcard) || token == Wildcard;

    /// <summary>Counts one more body, seen at <paramref name="timeUnixNano"/>.</summary>
    internal void Saw(long timeUnixNano)
    {
        Count++;
        FirstSeenUnixNano = Math.Min(FirstSeenUnixNano, timeUnixNano);
        LastSeenUnixNano = Math.Max(LastSeenUnixNano, timeUnixNano);
    }

    /// <summary>Turns the token at <paramref name="position"/> into a wildcard.</summary>
    internal void Generalise(int position) => _tokens[position] = Wildcard;
}
