using System.Text;
using System.Text.RegularExpressions;

namespace OllyStack.Query.PromQL.Evaluation;

// label_replace and label_join: functions that rewrite labels and keep values (and the metric name).
internal sealed partial class Evaluator
{
    private VectorValue LabelReplace(Call call, long timeMs)
    {
        var destination = EvaluateString(call.Args[1], timeMs);
        var replacement = EvaluateString(call.Args[2], timeMs);
        var source = EvaluateString(call.Args[3], timeMs);
        var pattern = EvaluateString(call.Args[4], timeMs);
        Regex regex;
        try
        {
            // Go (RE2) spells named groups (?P<name>...); .NET only knows (?<name>...).
            var dotNetPattern = pattern.Replace("(?P<", "(?<", StringComparison.Ordinal);
            regex = new Regex($"^(?:{dotNetPattern})$", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException e)
        {
            throw new PromQLEvaluationException($"invalid regular expression in label_replace(): {pattern}: {e.Message}");
        }
        if (!IsValidLabelName(destination))
            throw new PromQLEvaluationException($"invalid destination label name in label_replace(): {destination}");

        var result = new List<Sample>();
        foreach (var sample in EvaluateVector(call.Args[0], timeMs).Samples)
        {
            var match = regex.Match(sample.Labels.Get(source));
            if (!match.Success)
            {
                result.Add(sample);
                continue;
            }
            result.Add(sample with { Labels = sample.Labels.With(destination, ExpandReplacement(replacement, regex, match)) });
        }
        return new VectorValue(timeMs, result);
    }

    /// <summary>
    /// Go's Regexp.Expand: <c>$1</c>, <c>${1}</c>, <c>$name</c>, <c>${name}</c> and <c>$$</c>. An unbraced name takes
    /// every following letter, digit and underscore (so <c>$1x</c> names the group "1x"); unknown groups expand to "".
    /// </summary>
    private static string ExpandReplacement(string template, Regex regex, Match match)
    {
        var text = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            if (template[i] != '$' || i + 1 == template.Length)
            {
                text.Append(template[i]);
                continue;
            }
            if (template[i + 1] == '$')
            {
                text.Append('$');
                i++;
                continue;
            }
            string name;
            int end;
            if (template[i + 1] == '{')
            {
                var close = template.IndexOf('}', i + 2);
                if (close < 0)
                {
                    text.Append('$');
                    continue;
                }
                name = template[(i + 2)..close];
                end = close;
            }
            else
            {
                end = i + 1;
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_')) end++;
                name = template[(i + 1)..end];
                end--;
            }
            if (name.Length == 0 || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                text.Append('$');
                continue;
            }
            var group = int.TryParse(name, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number)
                ? (regex.GetGroupNumbers().Contains(number) ? match.Groups[number] : null)
                : (regex.GroupNumberFromName(name) >= 0 ? match.Groups[name] : null);
            if (group is { Success: true }) text.Append(group.Value);
            i = end;
        }
        return text.ToString();
    }

    private VectorValue LabelJoin(Call call, long timeMs)
    {
        var destination = EvaluateString(call.Args[1], timeMs);
        var separator = EvaluateString(call.Args[2], timeMs);
        var sources = call.Args.Skip(3).Select(a => EvaluateString(a, timeMs)).ToList();
        if (!IsValidLabelName(destination))
            throw new PromQLEvaluationException($"invalid destination label name in label_join(): {destination}");
        foreach (var source in sources)
            if (!IsValidLabelName(source)) throw new PromQLEvaluationException($"invalid source label name in label_join(): {source}");

        var result = EvaluateVector(call.Args[0], timeMs).Samples
            .Select(s => s with { Labels = s.Labels.With(destination, string.Join(separator, sources.Select(s.Labels.Get))) })
            .ToList();
        return new VectorValue(timeMs, result);
    }
}
