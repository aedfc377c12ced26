namespace OllyStack.Server.Cli;

/// <summary>
/// A parsed command line: leading words (the command path, e.g. "key create"), <c>--name value</c> /
/// <c>--name=value</c> flags, and remaining positional arguments.
/// </summary>
public sealed class CommandLine
{
    private static readonly HashSet<string> BooleanFlags = ["help", "json", "verify", "password-stdin"];

    public List<string> Words { get; } = [];

    public Dictionary<string, string> Flags { get; } = new(StringComparer.Ordinal);

    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        var line = new CommandLine();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg is "-h") arg = "--help";
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                line.Words.Add(arg);
                continue;
            }
            var name = arg[2..];
            var equals = name.IndexOf('=');
            if (equals >= 0) line.Flags[name[..equals]] = name[(equals + 1)..];
            else if (BooleanFlags.Contains(name)) line.Flags[name] = "true";
            else if (i + 1 < args.Count) line.Flags[name] = args[++i];
            else throw new ArgumentException($"--{name} needs a value");
        }
        return line;
    }

    public string? Flag(string name) => Flags.GetValueOrDefault(name);

    public bool Has(string name) => Flags.ContainsKey(name);

    /// <summary>The flags minus those a command consumed itself.</summary>
    public Dictionary<string, string> FlagsExcept(params string[] names) =>
        Flags.Where(f => !names.Contains(f.Key)).ToDictionary(f => f.Key, f => f.Value);
}
