using OllyStack.Alerting.Notifications.Matching;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace OllyStack.Alerting.Notifications.Configuration;

/// <summary>
/// Reads a tenant's Alertmanager configuration (YAML, or JSON, which YAML reads too) and validates it as Alertmanager
/// does: the root route names a receiver and has no matchers, every route's receiver exists, receiver names are
/// unique. Settings OllyStack does not implement are refused by name rather than ignored, and templates are parsed
/// now, so a broken one is reported with its line instead of failing at the first notification.
/// </summary>
public static partial class AlertmanagerConfigParser
{
    /// <exception cref="AlertmanagerConfigException">Names the line, the field and the reason.</exception>
    public static AlertmanagerConfig Parse(string text)
    {
        var root = YamlSection.Of(Load(text), "");
        var global = ParseGlobal(root.Section("global"));
        var receivers = ParseReceivers(root, global);
        var routeSection = root.Section("route") ?? throw YamlSection.Error(root.Node, "route", "no route provided");
        var route = ParseRoute(routeSection, null, 0, receivers);
        var inhibitRules = root.Sections("inhibit_rules").Select(ParseInhibitRule).ToList();
        root.Finish(key => key is "templates" or "time_intervals" or "mute_time_intervals");
        return new AlertmanagerConfig(global, route, receivers, inhibitRules, text);
    }

    private static YamlNode Load(string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var reason = e.InnerException?.Message ?? e.Message;
            throw new AlertmanagerConfigException((int)e.Start.Line, (int)e.Start.Column, "", $"not valid YAML: {reason}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails this way on some malformed flow collections, without a position.
            throw new AlertmanagerConfigException(0, 0, "", "not valid YAML: an unterminated flow collection ('{' or '[')");
        }
        if (stream.Documents.Count == 0) throw new AlertmanagerConfigException(0, 0, "", "the configuration is empty");
        if (stream.Documents.Count > 1) throw new AlertmanagerConfigException(0, 0, "", "expected one YAML document, found " + stream.Documents.Count);
        return stream.Documents[0].RootNode;
    }

    private static GlobalConfig ParseGlobal(YamlSection? section)
    {
        if (section is null) return GlobalConfig.Default;
        var resolveTimeout = section.Duration("resolve_timeout") ?? GlobalConfig.Default.ResolveTimeout;
        if (resolveTimeout <= TimeSpan.Zero) throw section.Error("resolve_timeout", "must be greater than zero");
        var slack = Url(section, "slack_api_url");
        var http = ParseHttpConfig(section.Section("http_config"), HttpClientConfig.Default);
        section.Finish(key => key.StartsWith("smtp_", StringComparison.Ordinal) || key.StartsWith("opsgenie_", StringComparison.Ordinal)
            || key.StartsWith("wechat_", StringComparison.Ordinal) || key.StartsWith("victorops_", StringComparison.Ordinal)
            || key.StartsWith("pagerduty_", StringComparison.Ordinal) || key.StartsWith("telegram_", StringComparison.Ordinal)
            || key.StartsWith("webex_", StringComparison.Ordinal) || key.StartsWith("jira_", StringComparison.Ordinal)
            || key.StartsWith("rocketchat_", StringComparison.Ordinal) || key is "slack_api_url_file" or "slack_app_token" or "slack_app_url");
        return new GlobalConfig(resolveTimeout, slack, http);
    }

    private static HttpClientConfig ParseHttpConfig(YamlSection? section, HttpClientConfig inherited)
    {
        if (section is null) return inherited;
        var authorizations = new List<string>();
        if (section.Section("authorization") is { } authorization)
        {
            var type = authorization.String("type") ?? "Bearer";
            var credentials = authorization.String("credentials") ?? throw authorization.Error("credentials", "authorization needs credentials");
            authorization.Finish(key => key is "credentials_file");
            authorizations.Add($"{type} {credentials}");
        }
        if (section.Section("basic_auth") is { } basic)
        {
            var user = basic.String("username") ?? "";
            var password = basic.String("password") ?? "";
            basic.Finish(key => key is "password_file" or "username_file");
            authorizations.Add("Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(user + ":" + password)));
        }
        if (section.String("bearer_token") is { } token) authorizations.Add("Bearer " + token);
        if (authorizations.Count > 1) throw YamlSection.Error(section.Node, section.Path, "at most one of authorization, basic_auth and bearer_token may be configured");
        var followRedirects = section.Bool("follow_redirects", true);
        section.Finish(_ => true);
        return new HttpClientConfig(authorizations.FirstOrDefault(), followRedirects);
    }

    private static Uri? Url(YamlSection section, string key)
    {
        var text = section.String(key);
        if (text is null) return null;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url)) throw section.Error(key, $"\"{text}\" is not an absolute URL");
        return url.Scheme is "http" or "https" ? url : throw section.Error(key, $"unsupported scheme \"{url.Scheme}\" for URL");
    }

    private static Matchers ParseMatchers(YamlSection section, string listKey, string equalKey, string regexKey)
    {
        var matchers = new List<Matcher>();
        foreach (var (text, node) in section.Strings(listKey))
        {
            try
            {
                matchers.AddRange(MatcherParser.Parse(text));
            }
            catch (FormatException e)
            {
                throw YamlSection.Error(node, section.FieldPath(listKey), e.Message);
            }
        }
        foreach (var (name, value, node) in section.StringMap(equalKey))
            matchers.Add(Matcher.Create(LabelName(name, node, section.FieldPath(equalKey)), MatcherType.Equal, value));
        foreach (var (name, value, node) in section.StringMap(regexKey))
        {
            try
            {
                matchers.Add(Matcher.Create(LabelName(name, node, section.FieldPath(regexKey)), MatcherType.Regex, value));
            }
            catch (ArgumentException e)
            {
                throw YamlSection.Error(node, $"{section.FieldPath(regexKey)}.{name}", e.Message);
            }
        }
        return new Matchers(matchers);
    }

    private static InhibitRule ParseInhibitRule(YamlSection section)
    {
        var source = ParseMatchers(section, "source_matchers", "source_match", "source_match_re");
        var target = ParseMatchers(section, "target_matchers", "target_match", "target_match_re");
        var equal = section.Strings("equal").Select(e => LabelName(e.Value, e.Node, section.FieldPath("equal"))).ToList();
        section.Finish();
        return new InhibitRule(source, target, equal);
    }

    private static string LabelName(string name, YamlNode node, string path)
    {
        var valid = name.Length > 0 && !char.IsAsciiDigit(name[0]) && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
        return valid ? name : throw YamlSection.Error(node, path, $"\"{name}\" is not a valid label name");
    }
}
