namespace OllyStack.Storage.Index;

/// <summary>
/// The distinct label names and values of one tenant's series, each stored once and known by a dense id.
/// Ids are per process; what persists is the strings.
/// </summary>
public sealed class SymbolTable
{
    private readonly Dictionary<string, uint> _ids = new(StringComparer.Ordinal);
    private readonly List<string> _symbols = [];

    public int Count => _symbols.Count;

    public string this[uint id] => _symbols[(int)id];

    public uint GetOrAdd(string symbol)
    {
        if (_ids.TryGetValue(symbol, out var id)) return id;
        id = (uint)_symbols.Count;
        _symbols.Add(symbol);
        _ids.Add(symbol, id);
        return id;
    }

    public bool TryGet(string symbol, out uint id) => _ids.TryGetValue(symbol, out id);
}
