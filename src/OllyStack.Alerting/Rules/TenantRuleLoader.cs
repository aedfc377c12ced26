namespace OllyStack.Alerting.Rules;

/// <summary>
/// Reads one tenant's rule files and merges them with what ran before: group names are unique per tenant (the first
/// file in order keeps a name), a group that did not change keeps its instance, a changed group keeps the instances
/// of its unchanged rules, and a group whose file now has an error keeps running as it was.
/// </summary>
internal static class TenantRuleLoader
{
    public static (List<RuleGroup> Groups, List<RuleFileError> Errors) Load(RuleStoreOptions options, string tenant, TenantRules previous)
    {
        var groups = new List<RuleGroup>();
        var errors = new List<RuleFileError>();
        var taken = new Dictionary<string, RuleGroup>(StringComparer.Ordinal);
        foreach (var path in Files(options, tenant))
        {
            var parsed = Parse(path, tenant);
            errors.AddRange(parsed.Errors);
            foreach (var group in parsed.Groups.Concat(KeptAfterErrors(parsed, path, previous)))
            {
                if (taken.TryGetValue(group.Name, out var first))
                {
                    errors.Add(new RuleFileError(path, group.Line, 1, $"group \"{group.Name}\" is already defined in {first.File}; group names are unique per tenant") { Group = group.Name });
                    continue;
                }
                var kept = Keep(group, previous.Find(group.Name));
                taken[group.Name] = kept;
                groups.Add(kept);
            }
        }
        return (groups, errors);
    }

    /// <summary>The tenant's rule files: the data directory's, then the extra folder's, each in name order.</summary>
    private static IEnumerable<string> Files(RuleStoreOptions options, string tenant)
    {
        var folders = new List<string> { options.TenantDirectory(tenant) };
        if (options.ExtraDirectory is { } extra) folders.Add(Path.Combine(extra, tenant));
        return folders.Where(Directory.Exists).SelectMany(folder => Directory.EnumerateFiles(folder)
            .Where(IsRuleFile).Order(StringComparer.Ordinal));
    }

    private static bool IsRuleFile(string path) =>
        Path.GetExtension(path) is ".yaml" or ".yml" && !Path.GetFileName(path).StartsWith('.');

    private static ParsedRuleFile Parse(string path, string tenant)
    {
        try
        {
            return RuleFileParser.ParseFile(File.ReadAllText(path), path, tenant);
        }
        catch (IOException e)
        {
            return new ParsedRuleFile([], [], [new RuleFileError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
        catch (UnauthorizedAccessException e)
        {
            return new ParsedRuleFile([], [], [new RuleFileError(path, 1, 1, $"cannot read the file: {e.Message}")]);
        }
    }

    /// <summary>
    /// Groups of this file from before that its errors now block: those it still names but that failed, or all of
    /// them when the file as a whole could not be read.
    /// </summary>
    private static IEnumerable<RuleGroup> KeptAfterErrors(ParsedRuleFile parsed, string path, TenantRules previous)
    {
        if (parsed.IsValid) return [];
        var loaded = parsed.Groups.Select(g => g.Name).ToHashSet(StringComparer.Ordinal);
        var wholeFileFailed = parsed.GroupNames.Count == 0;
        return previous.Groups.Where(g => g.File == path && !loaded.Contains(g.Name) && (wholeFileFailed || parsed.GroupNames.Contains(g.Name)));
    }

    private static RuleGroup Keep(RuleGroup loaded, RuleGroup? before) =>
        before is null ? loaded
        : ReferenceEquals(loaded, before) || loaded.HasSameDefinition(before) ? before
        : loaded.KeepingRulesOf(before);
}
