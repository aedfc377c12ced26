namespace OllyStack.Benchmarks.Traces;

/// <summary>Identifiers as services print them, drawn from the run's seeded generator so every run has the same.</summary>
public static class RandomText
{
    public static string Hex(Random random, int length) => string.Create(length, random, (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = "0123456789abcdef"[r.Next(16)];
    });

    public static string Uuid(Random random) => $"{Hex(random, 8)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 4)}-{Hex(random, 12)}";

    /// <summary>Upper-case letters and digits, like the demo's product ids.</summary>
    public static string Code(Random random, int length) => string.Create(length, random, (chars, r) =>
    {
        for (var i = 0; i < chars.Length; i++) chars[i] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"[r.Next(36)];
    });
}
