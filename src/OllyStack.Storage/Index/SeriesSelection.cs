namespace OllyStack.Storage.Index;

/// <summary>
/// Answers a set of label matchers from the postings. A matcher that rejects the empty value selects the union of
/// the postings of the values it accepts; one that accepts the empty value (so series without the label match)
/// removes the union of the postings of the values it rejects. Positive sets are intersected smallest first, so
/// the work follows the size of the answer, not the number of series.
/// </summary>
internal sealed class SeriesSelection(SeriesIndex index)
{
    public uint[] Select(IReadOnlyList<LabelMatcher> matchers)
    {
        var positive = matchers.Where(m => !m.MatchesEmpty).Select(Accepted).OrderBy(p => p.Length).ToList();
        var result = positive.Count > 0 ? positive[0] : AllSeries();
        for (var i = 1; i < positive.Count && result.Length > 0; i++) result = Postings.Intersect(result, positive[i]);
        foreach (var matcher in matchers.Where(m => m.MatchesEmpty))
        {
            if (result.Length == 0) break;
            result = Postings.Subtract(result, Rejected(matcher));
        }
        return result;
    }

    private uint[] Accepted(LabelMatcher matcher) => Union(matcher, accept: true);

    private uint[] Rejected(LabelMatcher matcher) => Union(matcher, accept: false);

    /// <summary>The union of the postings of the values of the matcher's label that it accepts (or rejects).</summary>
    private uint[] Union(LabelMatcher matcher, bool accept)
    {
        if (!index.Symbols.TryGet(matcher.Name, out var nameId)) return [];
        var lists = new List<PostingList>();
        foreach (var valueId in CandidateValues(matcher, nameId, accept))
            if (matcher.Matches(index.Symbols[valueId]) == accept && index.PostingsOf(new LabelPair(nameId, valueId)) is { } list)
                lists.Add(list);
        return Postings.Union(lists);
    }

    /// <summary>Exact and alternation-of-literals matchers look their values up; others scan the label's values.</summary>
    private IEnumerable<uint> CandidateValues(LabelMatcher matcher, uint nameId, bool accept)
    {
        var direct = (matcher.Type, accept) switch
        {
            (LabelMatchType.Equal, true) or (LabelMatchType.NotEqual, false) => [matcher.Value],
            (LabelMatchType.Regex, true) or (LabelMatchType.NotRegex, false) => matcher.LiteralAlternatives,
            _ => null,
        };
        if (direct is null) return index.ValueIdsOf(nameId);
        return direct.Select(v => index.Symbols.TryGet(v, out var id) ? id : (uint?)null).OfType<uint>();
    }

    private uint[] AllSeries()
    {
        var all = new uint[index.SeriesCount];
        for (var i = 0; i < all.Length; i++) all[i] = (uint)i;
        return all;
    }
}
