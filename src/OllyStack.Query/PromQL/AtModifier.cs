namespace OllyStack.Query.PromQL;

/// <summary>The <c>@</c> modifier: evaluate a selector or subquery at a fixed time instead of at each evaluation step.</summary>
public sealed record AtModifier
{
    private AtModifier(AtModifierKind kind, long timestampMilliseconds)
    {
        Kind = kind;
        TimestampMilliseconds = timestampMilliseconds;
    }

    /// <summary><c>@ start()</c>: the start of the range query (the evaluation time of an instant query).</summary>
    public static AtModifier Start { get; } = new(AtModifierKind.Start, 0);

    /// <summary><c>@ end()</c>: the end of the range query (the evaluation time of an instant query).</summary>
    public static AtModifier End { get; } = new(AtModifierKind.End, 0);

    /// <summary><c>@ 1609746000</c>: a Unix time, kept in milliseconds as Prometheus rounds it.</summary>
    public static AtModifier At(long timestampMilliseconds) => new(AtModifierKind.Timestamp, timestampMilliseconds);

    public AtModifierKind Kind { get; }

    /// <summary>Unix time in milliseconds; zero unless <see cref="Kind"/> is <see cref="AtModifierKind.Timestamp"/>.</summary>
    public long TimestampMilliseconds { get; }
}

public enum AtModifierKind
{
    Timestamp,
    Start,
    End,
}
