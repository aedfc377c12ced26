using OllyStack.Core.Batches;

namespace OllyStack.Core.Tests.Batches;

public sealed class ColumnTests : IDisposable
{
    private readonly Column<long> column = new();

    public void Dispose() => column.Release();

    [Fact]
    public void AddingPastEveryCapacityKeepsAllValuesInOrder()
    {
        for (var i = 0; i < 10_000; i++) Assert.Equal(i, column.Add(i * 3L));

        Assert.Equal(10_000, column.Count);
        for (var i = 0; i < 10_000; i++) Assert.Equal(i * 3L, column[i]);
    }

    [Fact]
    public void AppendHandsOutTheNextElementsAndCountsThem()
    {
        column.Add(1);
        var span = column.Append(100);
        for (var i = 0; i < span.Length; i++) span[i] = 1000 + i;

        Assert.Equal(100, span.Length);
        Assert.Equal(101, column.Count);
        Assert.Equal(1, column[0]);
        Assert.Equal(1000, column[1]);
        Assert.Equal(1099, column[100]);
    }

    [Fact]
    public void AddRangeAppendsAfterExistingValues()
    {
        column.Add(7);
        column.AddRange([8, 9, 10]);

        Assert.Equal([7L, 8, 9, 10], column.Span.ToArray());
    }

    [Fact]
    public void TruncateDropsTheTailAndKeepsTheHead()
    {
        column.AddRange([1, 2, 3, 4, 5]);

        column.Truncate(2);
        column.Add(42);

        Assert.Equal([1L, 2, 42], column.Span.ToArray());
    }

    [Fact]
    public void TruncateCannotGrowTheColumn()
    {
        column.AddRange([1, 2]);

        Assert.Throws<ArgumentOutOfRangeException>(() => column.Truncate(3));
        Assert.Throws<ArgumentOutOfRangeException>(() => column.Truncate(-1));
        Assert.Equal(2, column.Count);
    }

    [Fact]
    public void IndexOutsideTheCountIsRefusedEvenWithinCapacity()
    {
        column.Add(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => column[1]);
        Assert.Throws<ArgumentOutOfRangeException>(() => column[-1]);
    }

    [Fact]
    public void LoadReplacesTheContentsWithTheGivenBytes()
    {
        column.AddRange([9, 9, 9, 9, 9]);
        var source = new Column<long>();
        source.AddRange([long.MinValue, 0, long.MaxValue]);

        column.Load(3, source.AsBytes());
        source.Release();

        Assert.Equal([long.MinValue, 0L, long.MaxValue], column.Span.ToArray());
    }

    [Theory]
    [InlineData(2, 15)]
    [InlineData(2, 17)]
    [InlineData(0, 8)]
    [InlineData(-1, 0)]
    public void LoadRefusesAByteLengthThatIsNotCountTimesElementSize(int count, int byteLength)
    {
        column.Add(5);

        var error = Assert.Throws<InvalidDataException>(() => column.Load(count, new byte[byteLength]));

        Assert.Contains("Int64", error.Message);
        Assert.Equal([5L], column.Span.ToArray());
    }

    [Theory]
    [InlineData(0x2000_0000)]
    [InlineData(-0x2000_0000)]
    public void LoadRefusesACountWhoseByteSizeOverflows(int count)
    {
        // count x 8 wraps to exactly 0 in 32-bit arithmetic, so an empty span must not pass for it.
        Assert.Throws<InvalidDataException>(() => column.Load(count, ReadOnlySpan<byte>.Empty));
        Assert.Equal(0, column.Count);
    }

    [Fact]
    public void ClearedAndReleasedColumnsAreEmptyAndStayUsable()
    {
        column.AddRange([1, 2, 3]);

        column.Clear();
        Assert.Equal(0, column.Count);
        column.Add(4);
        column.Release();

        Assert.Equal(0, column.Count);
        Assert.True(column.Span.IsEmpty);
        column.Add(5);
        Assert.Equal([5L], column.Span.ToArray());
    }
}
