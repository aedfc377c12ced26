namespace OllyStack.Storage;

/// <summary>Opens the log or span parts of one tenant's folder, as a store does on start.</summary>
internal static class PartDirectory
{
    /// <summary>
    /// Opens every part named <c>&lt;sequence&gt;<paramref name="extension"/></c> in sequence order. Leftovers of
    /// writers that never completed are removed; a part that fails its checks is renamed to <c>.damaged</c> and added
    /// to <paramref name="damaged"/>, never read again. <paramref name="nextSequence"/> is past every part seen.
    /// </summary>
    public static List<TPart> Open<TPart>(string directory, string extension, Func<string, TPart> open, List<string> damaged, out long nextSequence)
    {
        Directory.CreateDirectory(directory);
        var parts = new List<TPart>();
        nextSequence = 0;
        foreach (var path in Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal))
        {
            if (PartFileWriter.IsTemporary(path))
            {
                File.Delete(path);
                continue;
            }
            if (!PartFileName.TryParse(Path.GetFileName(path), extension, out var sequence)) continue;
            nextSequence = Math.Max(nextSequence, sequence + 1);
            try
            {
                parts.Add(open(path));
            }
            catch (InvalidDataException)
            {
                File.Move(path, path + ".damaged", overwrite: true);
                damaged.Add(path + ".damaged");
            }
        }
        return parts;
    }
}
