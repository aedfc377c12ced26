using OllyStack.Alerting.Rules;

namespace OllyStack.Alerting.Tests.Rules;

/// <summary>
/// The rule store over real folders: what it loads per tenant, how reloads keep rule identity (and so alert state),
/// and what the API's puts and deletes leave on disk.
/// </summary>
public sealed class RuleStoreTests : IDisposable
{
    private const string ApiGroups = """
        groups:
          - name: api
            rules:
              - alert: ApiDown
                expr: up{job="api"} == 0
                for: 5m
              - record: job:requests:rate5m
                expr: sum by (job) (rate(http_requests_total[5m]))
          - name: api-latency
            rules:
              - alert: ApiSlow
                expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 1
        """;

    private const string DownGroup = """
        name: down
        rules:
          - alert: InstanceDown
            expr: up == 0
            for: 1m
            annotations:
              summary: '{{ $labels.instance }} is down'
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("ollystack-rules-").FullName;
    private readonly string _extra;
    private readonly List<TenantRules> _changes = [];
    private readonly RuleStore _store;

    public RuleStoreTests()
    {
        _extra = Path.Combine(_directory, "provisioned");
        _store = NewStore();
        _store.Changed += _changes.Add;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private RuleStore NewStore() => new(new RuleStoreOptions { DataDirectory = _directory, ExtraDirectory = _extra, Fsync = false });

    private string WriteFile(string tenant, string name, string content, string? root = null)
    {
        var folder = root is null ? Path.Combine(_directory, "rules", tenant) : Path.Combine(root, tenant);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void EachTenantsFilesLoadFromTheDataDirectoryThenTheExtraFolder()
    {
        var apiFile = WriteFile("acme", "api.yaml", ApiGroups);
        WriteFile("acme", "zz.yml", "groups:\n  - name: from-yml\n    rules: []\n");
        WriteFile("acme", "notes.txt", "not rules");
        WriteFile("acme", "ops.yaml", "groups:\n  - name: provisioned\n    rules: []\n", _extra);
        WriteFile("globex", "g.yaml", "groups:\n  - name: globex-only\n    rules: []\n");

        Assert.Empty(_store.Reload());

        Assert.Equal(["acme", "globex"], _store.Tenants);
        var acme = _store.For("acme");
        Assert.Equal(["api", "api-latency", "from-yml", "provisioned"], acme.Groups.Select(g => g.Name));
        Assert.Equal(apiFile, acme.Find("api")!.File);
        Assert.Equal(["globex-only"], _store.For("globex").Groups.Select(g => g.Name));
        Assert.Empty(_store.For("initech").Groups);
        Assert.Equal(2, _changes.Count);
    }

    [Fact]
    public void AFolderThatIsNotATenantNameIsReported()
    {
        WriteFile("Not A Tenant", "x.yaml", "groups: []");

        var error = Assert.Single(_store.Reload());

        Assert.Contains("\"Not A Tenant\" is not a tenant name", error.Reason);
        Assert.Empty(_store.Tenants);
    }

    [Fact]
    public void AGroupNameUsedByAnEarlierFileIsRefusedInALaterOne()
    {
        WriteFile("acme", "a.yaml", "groups:\n  - name: shared\n    rules: []\n");
        var later = WriteFile("acme", "b.yaml", "groups:\n  - name: other\n    rules: []\n  - name: shared\n    rules: []\n");

        var error = Assert.Single(_store.Reload());

        Assert.Equal($"{later}:4:1: group \"shared\": group \"shared\" is already defined in {Path.Combine(_directory, "rules", "acme", "a.yaml")}; group names are unique per tenant", error.ToString());
        Assert.Equal(["shared", "other"], _store.For("acme").Groups.Select(g => g.Name));
        Assert.Equal(error, Assert.Single(_store.For("acme").Errors));
    }

    [Fact]
    public void AReloadOfUnchangedFilesKeepsEveryInstanceAndRaisesNothing()
    {
        WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();
        var before = _store.For("acme");
        _changes.Clear();

        _store.Reload();

        Assert.Same(before, _store.For("acme"));
        Assert.Empty(_changes);
    }

    [Fact]
    public void AReloadKeepsTheInstancesOfRulesThatDidNotChange()
    {
        var path = WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();
        var before = _store.For("acme");
        _changes.Clear();

        File.WriteAllText(path, ApiGroups.Replace("for: 5m", "for: 10m"));
        _store.Reload();

        var after = Assert.Single(_changes);
        Assert.Same(after, _store.For("acme"));
        Assert.True(after.Version > before.Version);
        var (api, apiBefore) = (after.Find("api")!, before.Find("api")!);
        Assert.NotSame(apiBefore, api);
        Assert.NotSame(apiBefore.Rules[0], api.Rules[0]);
        Assert.Equal(TimeSpan.FromMinutes(10), api.Rules[0].For);
        Assert.Same(apiBefore.Rules[1], api.Rules[1]);
        Assert.Same(before.Find("api-latency"), after.Find("api-latency"));
    }

    [Fact]
    public void AGroupWhoseFileBreaksKeepsRunningAsItWasAndTheErrorIsReported()
    {
        var path = WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();
        var before = _store.For("acme");

        File.WriteAllText(path, ApiGroups.Replace("expr: up{job=\"api\"} == 0", "expr: up{job=\"api\" == 0"));
        var errors = _store.Reload();

        Assert.StartsWith($"{path}:5:15: group \"api\", rule 1, \"ApiDown\": could not parse expression", Assert.Single(errors).ToString());
        Assert.Same(before.Find("api"), _store.For("acme").Find("api"));
        Assert.Same(before.Find("api-latency"), _store.For("acme").Find("api-latency"));
    }

    [Fact]
    public void AFileThatIsNoLongerYamlKeepsAllItsGroupsRunning()
    {
        var path = WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();

        File.WriteAllText(path, "groups: [\n");
        var error = Assert.Single(_store.Reload());

        Assert.Contains("yaml: ", error.Reason);
        Assert.Equal(["api", "api-latency"], _store.For("acme").Groups.Select(g => g.Name));
    }

    [Fact]
    public void ADeletedFileTakesItsGroupsAway()
    {
        var path = WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();
        _changes.Clear();

        File.Delete(path);
        _store.Reload();

        Assert.Empty(_store.For("acme").Groups);
        Assert.Empty(_store.Tenants);
        Assert.Empty(Assert.Single(_changes).Groups);
    }

    [Fact]
    public void PutWritesTheGroupToItsOwnFileAndLoadsIt()
    {
        var group = _store.Put("acme", "down", DownGroup);

        var path = Path.Combine(_directory, "rules", "acme", "down.yaml");
        Assert.Equal(path, group.File);
        Assert.Equal(["down.yaml"], Directory.GetFiles(Path.GetDirectoryName(path)!).Select(Path.GetFileName));
        Assert.Same(group, _store.For("acme").Find("down"));
        Assert.Same(_store.For("acme"), Assert.Single(_changes));
        var written = RuleFileParser.ParseFile(File.ReadAllText(path), path, "acme");
        Assert.True(written.Groups.Single().HasSameDefinition(group));
        Assert.Equal("{{ $labels.instance }} is down", group.Rules[0].Annotations.Get("summary"));
    }

    [Fact]
    public void WhatPutWroteLoadsAgainAfterARestart()
    {
        _store.Put("acme", "down", DownGroup);
        _store.Put("acme", "logs", "rules:\n  - alert: Timeouts\n    expr: sum(count_over_time({app=\"shop\"} |= \"timeout\" [1m])) > 5\n");

        var restarted = NewStore();
        Assert.Empty(restarted.Reload());

        Assert.Equal(["down", "logs"], restarted.For("acme").Groups.Select(g => g.Name));
        Assert.True(restarted.For("acme").Find("down")!.HasSameDefinition(_store.For("acme").Find("down")!));
        Assert.Equal(QueryLanguage.LogQL, restarted.For("acme").Find("logs")!.Rules[0].Query.Language);
    }

    [Fact]
    public void ALogQLRuleOfALogQLGroupStaysLogQLWhenWritten()
    {
        _store.Put("acme", "loki", "query_language: logql\nrules:\n  - alert: Errors\n    expr: sum(rate({app=\"shop\"}[5m])) > 1\n");

        var restarted = NewStore();
        restarted.Reload();

        Assert.Equal(QueryLanguage.LogQL, restarted.For("acme").Find("loki")!.Rules[0].Query.Language);
    }

    [Fact]
    public void ReplacingAGroupKeepsItsUnchangedRules()
    {
        var before = _store.Put("acme", "down", DownGroup + "\n  - record: instance:up:count\n    expr: count(up)\n");

        var after = _store.Put("acme", "down", DownGroup.Replace("for: 1m", "for: 2m") + "\n  - record: instance:up:count\n    expr: count(up)\n");

        Assert.NotSame(before.Rules[0], after.Rules[0]);
        Assert.Same(before.Rules[1], after.Rules[1]);
        Assert.Equal(2, _changes.Count);
    }

    [Fact]
    public void PuttingTheSameGroupAgainChangesNothing()
    {
        var before = _store.Put("acme", "down", DownGroup);

        var after = _store.Put("acme", "down", DownGroup);

        Assert.Same(before, after);
        Assert.Single(_changes);
    }

    [Fact]
    public void AnInvalidGroupIsRefusedAndNothingIsWritten()
    {
        var error = Assert.Throws<InvalidRuleGroupException>(() => _store.Put("acme", "down", DownGroup.Replace("up == 0", "up ==")));

        Assert.StartsWith("body:4:11: group \"down\", rule 1, \"InstanceDown\": could not parse expression", error.Message);
        Assert.False(Directory.Exists(Path.Combine(_directory, "rules", "acme")));
        Assert.Empty(_changes);
    }

    [Fact]
    public void AGroupDefinedInAnotherFileCannotBeReplacedOrDeletedThroughTheStore()
    {
        var team = WriteFile("acme", "team.yaml", ApiGroups);
        WriteFile("acme", "ops.yaml", "groups:\n  - name: provisioned\n    rules: []\n", _extra);
        _store.Reload();

        var inTeamFile = Assert.Throws<RuleGroupConflictException>(() => _store.Put("acme", "api", DownGroup.Replace("name: down", "name: api")));
        var provisioned = Assert.Throws<RuleGroupConflictException>(() => _store.Delete("acme", "provisioned"));

        Assert.Equal($"group \"api\" is defined in {team}; change it there (the rules API manages only files it wrote)", inTeamFile.Message);
        Assert.Contains(Path.Combine(_extra, "acme", "ops.yaml"), provisioned.Message);
        Assert.False(File.Exists(Path.Combine(_directory, "rules", "acme", "api.yaml")));
    }

    [Fact]
    public void AFileNamedForTheGroupThatHoldsOtherGroupsIsNotOverwritten()
    {
        WriteFile("acme", "api.yaml", ApiGroups);
        _store.Reload();

        var error = Assert.Throws<RuleGroupConflictException>(() => _store.Put("acme", "api", DownGroup.Replace("name: down", "name: api")));

        Assert.Contains("also holds group(s) \"api-latency\"", error.Message);
        Assert.Equal(ApiGroups, File.ReadAllText(Path.Combine(_directory, "rules", "acme", "api.yaml")));
    }

    [Fact]
    public void DeleteRemovesTheGroupsFile()
    {
        _store.Put("acme", "down", DownGroup);

        Assert.True(_store.Delete("acme", "down"));

        Assert.False(File.Exists(Path.Combine(_directory, "rules", "acme", "down.yaml")));
        Assert.Null(_store.For("acme").Find("down"));
        Assert.Equal(2, _changes.Count);
        Assert.False(_store.Delete("acme", "down"));
    }

    [Fact]
    public void AnyGroupNameIsASafeFileNameInTheTenantsFolder()
    {
        var group = _store.Put("acme", "../../etc/passwd team alerts", "rules: []\n");

        Assert.Equal(Path.Combine(_directory, "rules", "acme", "%2E.%2F..%2Fetc%2Fpasswd%20team%20alerts.yaml"), group.File);
        Assert.Equal("../../etc/passwd team alerts", NewStoreReloaded().For("acme").Groups.Single().Name);
    }

    [Fact]
    public void TenantsDoNotSeeEachOthersGroups()
    {
        _store.Put("acme", "down", DownGroup);

        Assert.Null(_store.For("globex").Find("down"));
        Assert.False(_store.Delete("globex", "down"));
        Assert.NotNull(_store.For("acme").Find("down"));
    }

    private RuleStore NewStoreReloaded()
    {
        var store = NewStore();
        store.Reload();
        return store;
    }
}
