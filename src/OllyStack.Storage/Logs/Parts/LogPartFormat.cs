namespace OllyStack.Storage.Logs.Parts;

/// <summary>Constants of the log part file (docs/format/log-part.md).</summary>
internal static class LogPartFormat
{
    public static readonly PartKind Kind = new("OLLP", 2, "log part", ".logpart");
}
