namespace OllyStack.Query.LogQL;

/// <summary>The order of a log query's lines, as Loki's <c>direction</c> parameter.</summary>
public enum LogDirection
{
    Backward,
    Forward,
}
