namespace OllyStack.Testing;

/// <summary>One LogHub system's 2,000 ground-truth lines: each message body (the CSV's Content) with its event id.</summary>
internal sealed record LoghubSystem(string Name, IReadOnlyList<(string Content, string EventId)> Lines)
{
    /// <summary>The 16 systems of loghub_2k, in the order the published Drain table lists them.</summary>
    public static readonly string[] Names =
    [
        "HDFS", "Hadoop", "Spark", "Zookeeper", "BGL", "HPC", "Thunderbird", "Windows",
        "Linux", "Android", "HealthApp", "Apache", "Proxifier", "OpenSSH", "OpenStack", "Mac",
    ];

    /// <summary>Reads <c>&lt;name&gt;/&lt;name&gt;_2k.log_structured.csv</c> under the loghub folder; rows without an event id are dropped, as the scoring does.</summary>
    public static LoghubSystem Read(string loghubDirectory, string name)
    {
        var rows = Csv(File.ReadAllText(Path.Combine(loghubDirectory, name, $"{name}_2k.log_structured.csv")));
        var header = rows[0];
        var content = Array.IndexOf(header, "Content");
        var eventId = Array.IndexOf(header, "EventId");
        var lines = rows.Skip(1).Where(r => r.Length > eventId && r[eventId].Length > 0).Select(r => (r[content], r[eventId])).ToList();
        return new LoghubSystem(name, lines);
    }

    /// <summary>
    /// Grouping accuracy: the share of lines whose parsed group holds exactly the lines of their true event
    /// (template text aside). <paramref name="groups"/> gives each line's parsed group, in line order.
    /// </summary>
    public double GroupingAccuracy(IReadOnlyList<int> groups)
    {
        var truthSizes = Lines.GroupBy(l => l.EventId).ToDictionary(g => g.Key, g => g.Count());
        var correct = 0;
        foreach (var group in Enumerable.Range(0, Lines.Count).GroupBy(i => groups[i]))
        {
            var events = group.Select(i => Lines[i].EventId).Distinct().ToList();
            if (events.Count == 1 && truthSizes[events[0]] == group.Count()) correct += group.Count();
        }
        return (double)correct / Lines.Count;
    }

    /// <summary>RFC 4180 fields: commas between fields, quotes around fields that hold commas or quotes, quotes doubled inside.</summary>
    private static List<string[]> Csv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c != '"') field.Append(c);
                else if (i + 1 < text.Length && text[i + 1] == '"') field.Append(text[++i]);
                else quoted = false;
                continue;
            }
            switch (c)
            {
                case '"': quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n': EndRow(); break;
                default: field.Append(c); break;
            }
        }
        if (field.Length > 0 || fields.Count > 0) EndRow();
        return rows;

        void EndRow()
        {
            fields.Add(field.ToString());
            field.Clear();
            rows.Add([.. fields]);
            fields.Clear();
        }
    }
}
