using System.Buffers;
using System.Text;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Query.Api;

/// <summary>
/// A series' points as the raw JSON array the Prometheus API writes, <c>[[seconds,"value"],...]</c>, formatted into
/// one reused pooled buffer: a 24-hour panel has over a million points, and a JSON writer call (with its checks) per
/// bracket, number and string adds up to more than the formatting. Not thread-safe; dispose to return the buffer.
/// </summary>
public sealed class PointsJson : IDisposable
{
    /// <summary>Room a point takes at most when both numbers have their short form: brackets, comma, quotes and two numbers of up to 32 bytes.</summary>
    private const int ShortPointBytes = 72;

    private byte[] _buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);

    /// <summary>The points' JSON, valid until the next call.</summary>
    public ReadOnlySpan<byte> Format(IReadOnlyList<Point> points)
    {
        var at = 0;
        Ensure(at, 2 + points.Count * ShortPointBytes);
        _buffer[at++] = (byte)'[';
        for (var i = 0; i < points.Count; i++)
        {
            if (i > 0) _buffer[at++] = (byte)',';
            at = Append(points[i].TimestampMs, points[i].Value, at);
        }
        Ensure(at, 1);
        _buffer[at++] = (byte)']';
        return _buffer.AsSpan(0, at);
    }

    /// <summary>One point's JSON, <c>[seconds,"value"]</c> (an instant vector's sample, a scalar), valid until the next call.</summary>
    public ReadOnlySpan<byte> Format(long timestampMs, double value) => _buffer.AsSpan(0, Append(timestampMs, value, 0));

    /// <summary>Writes <c>[seconds,"value"]</c> at <paramref name="at"/>, with room for a comma after it; returns where it ends.</summary>
    private int Append(long timestampMs, double value, int at)
    {
        Ensure(at, ShortPointBytes);
        _buffer[at++] = (byte)'[';
        at += Seconds(timestampMs, at);
        _buffer[at++] = (byte)',';
        _buffer[at++] = (byte)'"';
        at += Value(value, at);
        _buffer[at++] = (byte)'"';
        _buffer[at++] = (byte)']';
        return at;
    }

    public void Dispose()
    {
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = [];
    }

    private int Seconds(long timestampMs, int at)
    {
        if (PrometheusFloat.TryFormatSeconds(timestampMs, _buffer.AsSpan(at, 32), out var written)) return written;
        // Before 1970: the plain number, as a JSON writer would put it.
        return Ascii(PrometheusFloat.Seconds(timestampMs).ToString("R", System.Globalization.CultureInfo.InvariantCulture), at);
    }

    private int Value(double value, int at) =>
        PrometheusFloat.TryFormat(value, _buffer.AsSpan(at, 32), out var written) ? written : Ascii(PrometheusFloat.Format(value), at);

    /// <summary>Text that took the long way (NaN, infinities, exponents written out), copied in; the rest of the point still fits after it.</summary>
    private int Ascii(string text, int at)
    {
        Ensure(at, text.Length + ShortPointBytes);
        return Encoding.ASCII.GetBytes(text, _buffer.AsSpan(at));
    }

    private void Ensure(int used, int more)
    {
        if (_buffer.Length - used >= more) return;
        var larger = ArrayPool<byte>.Shared.Rent(Math.Max(used + more, _buffer.Length * 2));
        _buffer.AsSpan(0, used).CopyTo(larger);
        ArrayPool<byte>.Shared.Return(_buffer);
        _buffer = larger;
    }
}
