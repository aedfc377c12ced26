namespace OllyStack.Query.Traces;

/// <summary>OpenTelemetry span kinds (their numbers) as Jaeger names them: <c>server</c>, <c>client</c>, ...; unspecified is "".</summary>
public static class SpanKinds
{
    private static readonly string[] Names = ["", "internal", "server", "client", "producer", "consumer"];

    public static string Name(byte kind) => kind < Names.Length ? Names[kind] : "";

    /// <summary>The kind Jaeger's name stands for, or null if it names none.</summary>
    public static byte? Parse(string name)
    {
        var index = Array.IndexOf(Names, name.ToLowerInvariant());
        return index < 0 ? null : (byte)index;
    }
}
