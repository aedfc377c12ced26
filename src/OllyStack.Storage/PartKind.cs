namespace OllyStack.Storage;

/// <summary>What tells the files of one kind of part (log parts, span parts) apart: magic, version, name, extension.</summary>
internal sealed record PartKind(string Magic, byte Version, string Name, string Extension)
{
    /// <summary>Every such part starts with a <see cref="PartHeader"/> of this many bytes.</summary>
    public const int HeaderLength = 40;
}
