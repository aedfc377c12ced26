namespace OllyStack.Storage.Index;

/// <summary>
/// One tenant's series: each label set gets a dense series ref, found again by the 64-bit hash of its
/// <see cref="SeriesKey"/> (colliding label sets are told apart by comparing keys), and an inverted index from label pairs to postings
/// answers label matchers without scanning every series. Not thread-safe: the storage writer owns it; readers get
/// snapshots from the storage layer above.
/// </summary>
public sealed class SeriesIndex
{
    private readonly Dictionary<ulong, SeriesRefs> _byHash = [];
    private readonly List<LabelPair[]> _labels = [];
    private readonly List<byte[]> _keys = [];
    private readonly List<ulong> _hashes = [];
    private readonly Dictionary<LabelPair, PostingList> _postings = [];
    private readonly Dictionary<uint, List<uint>> _valuesByName = [];
    private readonly Func<byte[], ulong> _hash;

    public SeriesIndex()
        : this(key => SeriesKey.Hash(key))
    {
    }

    /// <summary>With another hash function: tests use a degenerate one to exercise collisions.</summary>
    internal SeriesIndex(Func<byte[], ulong> hash) => _hash = hash;

    public SymbolTable Symbols { get; } = new();

    public int SeriesCount => _labels.Count;

    /// <summary>Label sets whose hash another label set already had.</summary>
    public int HashCollisions { get; private set; }

    /// <summary>The series ref of <paramref name="sortedLabels"/> (sorted by name, no empty values), adding the series if new.</summary>
    public uint GetOrAdd(IReadOnlyList<(string Name, string Value)> sortedLabels)
    {
        var key = SeriesKey.Of(sortedLabels);
        return GetOrAdd(key, _hash(key), out _);
    }

    /// <summary>
    /// The series ref for a <see cref="SeriesKey"/> and its hash, adding the series if new (the only case that copies
    /// the key or allocates): the storage writer's per-sample path.
    /// </summary>
    public uint GetOrAdd(ReadOnlySpan<byte> key, ulong hash, out bool added)
    {
        added = false;
        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
                if (_keys[(int)candidate].AsSpan().SequenceEqual(key)) return candidate;
            HashCollisions++;
        }
        added = true;
        return Add(hash, key.ToArray());
    }

    /// <summary>Finds an existing series by key and hash without adding anything.</summary>
    public bool TryGet(ReadOnlySpan<byte> key, ulong hash, out uint seriesRef)
    {
        if (_byHash.TryGetValue(hash, out var candidates))
        {
            foreach (var candidate in candidates)
            {
                if (!_keys[(int)candidate].AsSpan().SequenceEqual(key)) continue;
                seriesRef = candidate;
                return true;
            }
        }
        seriesRef = 0;
        return false;
    }

    /// <summary>The hash this index uses for <paramref name="key"/>.</summary>
    public ulong HashOf(byte[] key) => _hash(key);

    public ReadOnlySpan<LabelPair> LabelsOf(uint seriesRef) => _labels[(int)seriesRef];

    public ulong HashOf(uint seriesRef) => _hashes[(int)seriesRef];

    /// <summary>The <see cref="SeriesKey"/> of a series.</summary>
    public ReadOnlyMemory<byte> KeyOf(uint seriesRef) => _keys[(int)seriesRef];

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

    private uint Add(ulong hash, byte[] key)
    {
        var sortedLabels = SeriesKey.Labels(key);
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
        _keys.Add(key);
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

    /// <summary>Series sharing one hash: almost always exactly one.</summary>
    private sealed class SeriesRefs : List<uint>;
}
