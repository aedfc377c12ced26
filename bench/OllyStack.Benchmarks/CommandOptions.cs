using System.Globalization;

namespace OllyStack.Benchmarks;

/// <summary>A bench command's <c>--name value</c> options over its defaults; a name it does not know is refused with the list of those it does.</summary>
public static class CommandOptions
{
    public static Dictionary<string, string> Parse(string[] args, Dictionary<string, string> defaults)
    {
        var options = new Dictionary<string, string>(defaults);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || !options.ContainsKey(args[i][2..]))
                throw new ArgumentException($"unknown option {args[i]}; options: {string.Join(", ", options.Keys.Select(k => "--" + k))}");
            options[args[i][2..]] = args[i + 1];
        }
        return options;
    }

    public static int Int(string text) => int.Parse(text, CultureInfo.InvariantCulture);

    public static TimeSpan Seconds(string text) => TimeSpan.FromSeconds(double.Parse(text, CultureInfo.InvariantCulture));
}
