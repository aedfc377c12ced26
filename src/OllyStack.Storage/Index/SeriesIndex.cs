namespace OllyStack.Storage.Index;

/// <summary>
/// One tenant's series: each label set gets a dense series ref, found again by its 64-bit <see cref="SeriesHash"/>
/// (colliding label sets are told apart by comparing labels), and an inverted index from label pairs to postings
/// answers label matchers without scanning every series. Not thread-safe: the storage writer owns it; readers get
/// snapshots from the storage layer above.
/// </summary>
public sealed class SeriesIndex
{
    private readonly Dictionary<ulong, SeriesRefs> _byHash = [];
    private readonly List<LabelPair[]> _labels = [];
    private readonly List<ulong> _hashes = [];
    private readonly Dictionary<LabelPair, PostingList> _postings = [];
    private readonly Dictionary<uint, List<uint>> _valuesByName = [];
    private readonly Func<IReadOnlyList<(string Name, string Value)>, ulong> _hash;

    public SeriesIndex()
        : this(SeriesHash.Of)
    {
    }

    /// <summary>With another hash function: tests use a degenerate one to exercise collisions.</summary>
    internal SeriesIndex(Func<IReadOnlyList<(string Name, string Value)>, ulong> hash) => _hash = hash;

    public SymbolTable Symbols { get; } = new();

    public int SeriesCount => _labels.Count;

    /// <summary>Label sets whose hash another label set already had.</summary>
    public int HashCollisions { get; private set; }

    /// <summary>The series ref of <paramref name="sortedLabels"/> (sorted by name, no empty values), adding the series if new.</summary>
    public uint GetOrAdd(IReadOnlyList<(string Name, string Value)> sortedLabels)
    {
        var hash = _hash(sortedLabels);
        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
                if (SameLabels(_labels[(int)candidate], sortedLabels)) return candidate;
            HashCollisions++;
        }
        return Add(hash, sortedLabels);
    }

    public ReadOnlySpan<LabelPair> LabelsOf(uint seriesRef) => _labels[(int)seriesRef];

    public ulong HashOf(uint seriesRef) => _hashes[(int)seriesRef];

    /// <summary>The labels of a series as strings, sorted by name.</summary>
    public IReadOnlyList<(string Name, string Value)> LabelStrings(uint seriesRef) =>
        _labels[(int)seriesRef].Select(p => (Symbols[p.Name], Symbols[p.Value])).ToList();

    /// <summary>The ascending refs of the series all <paramref name="matchers"/> accept.</summary>
    public uint[] Select(IReadOnlyList<LabelMatcher> matchers) => new SeriesSelection(this).Select(matchers);

    /// <summary>Label names in use (by <paramref name="series"/> only, when given), sorted.</summary>
    public IReadOnlyList<string> LabelNames(IReadOnlyCollection<uint>? series = null)
    {
        var names = series is null
            ? _valuesByName.Keys.Select(n => Symbols[n])
            : series.SelectMany(s => _labels[(int)s]).Select(p => p.Name).Distinct().Select(n => Symbols[n]);
        return names.Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Values of label <paramref name="name"/> (among <paramref name="series"/> only, when given), sorted.</summary>
    public IReadOnlyList<string> LabelValues(string name, IReadOnlyCollection<uint>? series = null)
    {
        if (!Symbols.TryGet(name, out var nameId)) return [];
        var values = series is null
            ? ValueIdsOf(nameId).Select(v => Symbols[v])
            : series.SelectMany(s => _labels[(int)s]).Where(p => p.Name == nameId).Select(p => Symbols[p.Value]).Distinct();
        return values.Order(StringComparer.Ordinal).ToList();
    }

    internal IReadOnlyList<uint> ValueIdsOf(uint nameId) => _valuesByName.TryGetValue(nameId, out var values) ? values : [];

    internal PostingList? PostingsOf(LabelPair pair) => _postings.GetValueOrDefault(pair);

    private uint Add(ulong hash, IReadOnlyList<(string Name, string Value)> sortedLabels)
    {
        var seriesRef = (uint)_labels.Count;
        var pairs = new LabelPair[sortedLabels.Count];
        for (var i = 0; i < pairs.Length; i++)
        {
            var (name, value) = sortedLabels[i];
            if (i > 0 && string.CompareOrdinal(sortedLabels[i - 1].Name, name) >= 0)
                throw new ArgumentException($"labels must be sorted by name without repeats: '{sortedLabels[i - 1].Name}' then '{name}'");
            if (value.Length == 0) throw new ArgumentException($"label '{name}' has an empty value; leave it out instead");
            pairs[i] = new LabelPair(Symbols.GetOrAdd(name), Symbols.GetOrAdd(value));
        }
        _labels.Add(pairs);
        _hashes.Add(hash);
        if (!_byHash.TryGetValue(hash, out var refs)) _byHash[hash] = refs = new SeriesRefs();
        refs.Add(seriesRef);
        foreach (var pair in pairs) AddPosting(pair, seriesRef);
        return seriesRef;
    }

    private void AddPosting(LabelPair pair, uint seriesRef)
    {
        if (!_postings.TryGetValue(pair, out var list))
        {
            _postings[pair] = list = new PostingList();
            if (!_valuesByName.TryGetValue(pair.Name, out var values)) _valuesByName[pair.Name] = values = [];
            values.Add(pair.Value);
        }
        list.Append(seriesRef);
    }

    private bool SameLabels(LabelPair[] stored, IReadOnlyList<(string Name, string Value)> labels)
    {
        if (stored.Length != labels.Count) return false;
        for (var i = 0; i < stored.Length; i++)
            if (Symbols[stored[i].Name] != labels[i].Name || Symbols[stored[i].Value] != labels[i].Value) return false;
        return true;
    }

    /// <summary>Series sharing one hash: almost always exactly one.</summary>
    private sealed class SeriesRefs : List<uint>;
}
