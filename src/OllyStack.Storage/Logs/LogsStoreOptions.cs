namespace OllyStack.Storage.Logs;

public sealed class LogsStoreOptions
{
    /// <summary>The folder holding a subfolder of parts per tenant.</summary>
    public required string Directory { get; init; }

    /// <summary>The head is written to a part at least this often while it holds records.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>...and as soon as its bodies reach this many characters, which bounds its memory.</summary>
    public long MaxHeadChars { get; init; } = 64 << 20;
}
