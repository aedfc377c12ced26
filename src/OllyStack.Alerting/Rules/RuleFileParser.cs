using OllyStack.Query.PromQL.Evaluation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Rules;

/// <summary>
/// Reads Prometheus rule files (<c>groups:</c> of <c>name</c>, <c>interval</c>, <c>limit</c>, <c>query_offset</c>,
/// <c>labels</c>, <c>rules</c>), which Loki's ruler shares, plus OllyStack's <c>query_language</c> on a group or a
/// rule (<see cref="RuleQueryParser"/>). Validation follows <c>promtool check rules</c>; every error names the file,
/// line, column and reason, and a bad group never takes the good ones of its file down with it.
/// </summary>
public static class RuleFileParser
{
    private static readonly IReadOnlySet<string> FileFields = new SortedSet<string>(StringComparer.Ordinal) { "groups" };

    private static readonly IReadOnlySet<string> GroupFields = new SortedSet<string>(StringComparer.Ordinal)
    {
        "name", "interval", "limit", "query_offset", "labels", "rules", "query_language",
    };

    /// <summary>A whole rule file: <c>groups: [...]</c>.</summary>
    /// <param name="file">How errors and the API name the file.</param>
    public static ParsedRuleFile ParseFile(string text, string file, string tenant)
    {
        var reader = new Reader(file, tenant);
        if (reader.Load(text) is { } root) reader.ReadFile(root);
        return reader.Result();
    }

    /// <summary>
    /// One rule group as the rules API receives it, in YAML or JSON: <c>{name, interval, rules: [...]}</c>. A group
    /// without a name takes <paramref name="expectedName"/>; one with another name is refused.
    /// </summary>
    public static ParsedRuleFile ParseGroup(string text, string file, string tenant, string expectedName)
    {
        var reader = new Reader(file, tenant);
        if (reader.Load(text) is { } root) reader.ReadSingleGroup(root, expectedName);
        else reader.ReportEmpty();
        return reader.Result();
    }

    private sealed class Reader
    {
        private readonly string _file;
        private readonly string _tenant;
        private readonly List<RuleFileError> _errors = [];
        private readonly List<RuleGroup> _groups = [];
        private readonly List<string> _names = [];
        private readonly RuleErrorScope _fileErrors;

        public Reader(string file, string tenant)
        {
            _file = file;
            _tenant = tenant;
            _fileErrors = new RuleErrorScope(file, _errors);
        }

        public ParsedRuleFile Result() => new(_groups, _names, _errors);

        /// <summary>The document's root node, or null for an empty document or after reporting a YAML syntax error.</summary>
        public YamlNode? Load(string text)
        {
            var stream = new YamlStream();
            try
            {
                stream.Load(new StringReader(text));
            }
            catch (YamlException e)
            {
                _fileErrors.Report(e.Start, YamlReason(e));
                return null;
            }
            // Like Prometheus, only the first document counts.
            return stream.Documents.Count == 0 || YamlFields.IsNull(stream.Documents[0].RootNode) ? null : stream.Documents[0].RootNode;
        }

        public void ReportEmpty()
        {
            if (_errors.Count == 0) _fileErrors.Report(Mark.Empty, "expected one rule group (name, interval, rules), found nothing");
        }

        public void ReadFile(YamlNode root)
        {
            if (root is not YamlMappingNode mapping)
            {
                _fileErrors.Report(root, $"a rule file must be a mapping with groups, not a {YamlFields.Describe(root)}");
                return;
            }
            var fields = YamlFields.Read(mapping, FileFields, "rule file", _fileErrors);
            if (!fields.TryGetValue("groups", out var groups) || YamlFields.IsNull(groups.Value)) return;
            if (groups.Value is not YamlSequenceNode list)
            {
                _fileErrors.Report(groups.Value, $"groups must be a list of rule groups, not a {YamlFields.Describe(groups.Value)}");
                return;
            }
            foreach (var group in list) ReadGroup(group, expectedName: null);
        }

        public void ReadSingleGroup(YamlNode root, string expectedName)
        {
            if (root is YamlMappingNode mapping && mapping.Children.ContainsKey(new YamlScalarNode("groups")))
                _fileErrors.Report(root, "expected one rule group (name, interval, rules), not a rule file with groups");
            else ReadGroup(root, expectedName);
        }

        private void ReadGroup(YamlNode node, string? expectedName)
        {
            if (node is not YamlMappingNode mapping)
            {
                _fileErrors.Report(node, $"a rule group must be a mapping with name and rules, not a {YamlFields.Describe(node)}");
                return;
            }
            var name = Name(mapping, expectedName);
            if (name is null) return;
            var errors = _fileErrors.ForGroup(name);
            var fields = YamlFields.Read(mapping, GroupFields, "rule group", errors);
            var interval = Field(fields, "interval", n => YamlFields.Duration(n, "interval", errors));
            var queryOffset = Field(fields, "query_offset", n => YamlFields.Duration(n, "query_offset", errors));
            var limit = Field(fields, "limit", n => YamlFields.NonNegativeInteger(n, "limit", errors));
            var labels = fields.TryGetValue("labels", out var l) ? YamlFields.Pairs(l.Value, "labels", "label", errors) : [];
            var language = fields.TryGetValue("query_language", out var q) ? YamlFields.Language(q.Value, errors) : null;
            var rules = fields.TryGetValue("rules", out var r) ? Rules(r.Value, language, errors) : [];
            if (errors.Count > 0 || labels is null || rules is null) return;
            _groups.Add(new RuleGroup(
                _tenant, name, _file, (int)mapping.Start.Line, interval is { } i && i > TimeSpan.Zero ? i : null, limit ?? 0, queryOffset,
                Labels.Of(labels.Select(p => (p.Name, p.Value))), rules));
        }

        /// <summary>The group's name if it has a valid one not used before in this file; reports why not otherwise.</summary>
        private string? Name(YamlMappingNode group, string? expectedName)
        {
            var declared = group.Children.TryGetValue(new YamlScalarNode("name"), out var node) ? YamlFields.Text(node, "name", _fileErrors) : "";
            if (declared is null) return null;
            var name = declared.Length == 0 && expectedName is not null ? expectedName : declared;
            if (name.Length == 0)
            {
                _fileErrors.Report(node ?? group, "group name must not be empty");
                return null;
            }
            if (expectedName is not null && name != expectedName)
            {
                _fileErrors.Report(node!, $"the group is named \"{name}\" but was sent for group \"{expectedName}\"");
                return null;
            }
            if (_names.Contains(name))
            {
                _fileErrors.ForGroup(name).Report(node!, $"groupname: \"{name}\" is repeated in the same file");
                return null;
            }
            _names.Add(name);
            return name;
        }

        private static List<Rule>? Rules(YamlNode node, QueryLanguage? language, RuleErrorScope errors)
        {
            if (YamlFields.IsNull(node)) return [];
            if (node is not YamlSequenceNode list)
            {
                errors.Report(node, $"rules must be a list of rules, not a {YamlFields.Describe(node)}");
                return null;
            }
            var rules = list.Select((rule, index) => RuleParser.Parse(rule, index + 1, language, errors)).ToList();
            return rules.Contains(null) ? null : rules.OfType<Rule>().ToList();
        }

        private static T? Field<T>(Dictionary<string, (YamlNode Key, YamlNode Value)> fields, string name, Func<YamlNode, T?> read) where T : struct =>
            fields.TryGetValue(name, out var present) ? read(present.Value) : null;

        /// <summary>YamlDotNet's message without the position it prefixes (the error carries the position).</summary>
        private static string YamlReason(YamlException e)
        {
            var message = e.InnerException is { } inner && e.Message.Contains("Exception during", StringComparison.Ordinal) ? inner.Message : e.Message;
            var end = message.IndexOf("): ", StringComparison.Ordinal);
            return "yaml: " + (message.StartsWith("(Line:", StringComparison.Ordinal) && end >= 0 ? message[(end + 3)..] : message);
        }
    }
}
