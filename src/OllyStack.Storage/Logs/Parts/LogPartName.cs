namespace OllyStack.Storage.Logs.Parts;

/// <summary>A log part's file name: its flush sequence number as 16 hex digits, then <c>.logpart</c>.</summary>
public static class LogPartName
{
    public static string Of(long sequence) => PartFileName.Of(sequence, LogPartFormat.Kind.Extension);
}
