namespace OllyStack.Storage.Logs.Parts;

/// <summary>A stream's entry in a part's stream table: the stream and its blocks in time order.</summary>
public sealed record LogPartStream(LogStream Stream, LogBlockRef[] Blocks);
