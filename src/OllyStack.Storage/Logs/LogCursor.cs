using OllyStack.Storage.Logs.Parts;

namespace OllyStack.Storage.Logs;

/// <summary>
/// One time-ordered run of a stream's records in a read: rows from the head, or a block of a part that is decoded
/// only when the merge reaches it. Until then <see cref="Bound"/> is the block's time bound in the read's direction,
/// which no record of the block passes, so the merge can order unopened blocks among open ones.
/// </summary>
internal sealed class LogCursor
{
    private readonly LogPart? _part;
    private readonly LogBlockRef _block;
    private LogRow[] _rows = [];
    private int _index;
    private int _end;
    private int _firstInRange;
    private int _rowsInRange;

    private LogCursor(LogStream stream, int order, LogPart? part, LogBlockRef block)
    {
        Stream = stream;
        Order = order;
        _part = part;
        _block = block;
    }

    public LogStream Stream { get; }

    /// <summary>Breaks ties between cursors at the same time: stream order.</summary>
    public int Order { get; }

    public bool IsOpen { get; private set; }

    public LogRow Current => _rows[_index];

    /// <summary>Records the run holds: the block's count, or the head rows in range.</summary>
    public int RecordCount => _part is null ? _rowsInRange : _block.RecordCount;

    /// <summary>Bytes the run costs to read: the block's frame, or the UTF-16 characters of the head rows' bodies.</summary>
    public long ByteCount
    {
        get
        {
            if (_part is not null) return _block.Length;
            var chars = 0L;
            for (var i = _firstInRange; i < _firstInRange + _rowsInRange; i++) chars += _rows[i].Body.Length;
            return chars;
        }
    }

    public long Bound(bool backward) => IsOpen ? Current.TimeUnixNano : backward ? _block.MaxTimeUnixNano : _block.MinTimeUnixNano;

    public static LogCursor OfRows(LogStream stream, int order, LogRow[] sortedRows, LogSelection selection)
    {
        var cursor = new LogCursor(stream, order, null, default);
        cursor.Position(sortedRows, selection);
        return cursor;
    }

    public static LogCursor OfBlock(LogStream stream, int order, LogPart part, LogBlockRef block) => new(stream, order, part, block);

    /// <summary>Reads and decodes the block (if the filter lets it through); false when it has no record to give.</summary>
    public bool Open(LogSelection selection, LogBlockDecoder decoder)
    {
        var payload = _part!.ReadBlock(_block);
        var filter = LogBlockDecoder.FilterOf(payload.Span);
        foreach (var text in selection.RequiredUtf8)
            if (!TrigramBloom.MayContain(filter, text)) return false;
        return Position(decoder.Decode(payload.Span), selection);
    }

    /// <summary>Steps to the next record in the read's direction; false when the run is done.</summary>
    public bool MoveNext(bool backward)
    {
        if (backward) return --_index >= _end;
        return ++_index < _end;
    }

    /// <summary>Narrows sorted rows to the selection's time range and stands on the first in the read's direction.</summary>
    private bool Position(LogRow[] sortedRows, LogSelection selection)
    {
        var first = FirstAtOrAfter(sortedRows, selection.StartUnixNano);
        var last = FirstAtOrAfter(sortedRows, selection.EndUnixNano);
        _rows = sortedRows;
        (_firstInRange, _rowsInRange) = (first, last - first);
        IsOpen = true;
        if (selection.Backward)
        {
            _index = last - 1;
            _end = first;
            return _index >= _end;
        }
        _index = first;
        _end = last;
        return _index < _end;
    }

    private static int FirstAtOrAfter(LogRow[] rows, long time)
    {
        int low = 0, high = rows.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (rows[middle].TimeUnixNano < time) low = middle + 1;
            else high = middle;
        }
        return low;
    }
}
