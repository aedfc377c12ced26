using System.Text;
using OllyStack.Core.Batches;

namespace OllyStack.Core.Tests.Batches;

public sealed class Utf8HeapTests : IDisposable
{
    private readonly Utf8Heap heap = new();

    public void Dispose() => heap.Release();

    [Fact]
    public void EqualStringsAreStoredOnce()
    {
        var first = heap.Intern("service.name"u8);
        var bytesAfterFirst = heap.Count;
        var second = heap.Intern("service.name"u8);
        var fromString = heap.Intern("service.name");

        Assert.Equal(first, second);
        Assert.Equal(first, fromString);
        Assert.Equal(bytesAfterFirst, heap.Count);
        Assert.Equal("service.name", heap.GetString(first));
    }

    [Fact]
    public void DifferentStringsGetDistinctReferences()
    {
        var a = heap.Intern("http.method"u8);
        var b = heap.Intern("http.route"u8);
        var c = heap.Intern("http.metho"u8);

        Assert.Equal(3, new[] { a, b, c }.Distinct().Count());
        Assert.Equal("http.method", heap.GetString(a));
        Assert.Equal("http.route", heap.GetString(b));
        Assert.Equal("http.metho", heap.GetString(c));
    }

    [Fact]
    public void InterningKeepsWorkingAcrossGrowthAndRehash()
    {
        const int count = 20_000;
        var references = new Utf8Ref[count];
        for (var i = 0; i < count; i++) references[i] = heap.Intern($"label-{i}");
        var bytesAfterFirstPass = heap.Count;

        for (var i = count - 1; i >= 0; i--)
        {
            Assert.Equal(references[i], heap.Intern($"label-{i}"));
            Assert.Equal($"label-{i}", heap.GetString(references[i]));
        }
        Assert.Equal(bytesAfterFirstPass, heap.Count);
        Assert.Equal(count, references.Distinct().Count());
    }

    [Fact]
    public void StringsLongerThan256BytesAreAddedEachTime()
    {
        var text = new string('x', 300);

        var first = heap.Intern(text);
        var second = heap.Intern(Encoding.UTF8.GetBytes(text));

        Assert.NotEqual(first, second);
        Assert.Equal(600, heap.Count);
        Assert.Equal(text, heap.GetString(first));
        Assert.Equal(text, heap.GetString(second));
    }

    [Fact]
    public void StringOfExactly256BytesIsStillInterned()
    {
        var text = new string('y', 256);

        Assert.Equal(heap.Intern(text), heap.Intern(text));
        Assert.Equal(256, heap.Count);
    }

    [Fact]
    public void EmptyStringIsTheEmptyReferenceAndTakesNoBytes()
    {
        Assert.Equal(Utf8Ref.Empty, heap.Intern(""u8));
        Assert.Equal(Utf8Ref.Empty, heap.Intern(""));
        Assert.Equal(Utf8Ref.Empty, heap.Add(""u8));
        Assert.Equal(0, heap.Count);
    }

    [Fact]
    public void ClearForgetsInternedStrings()
    {
        heap.Intern("job"u8);
        heap.Intern("instance"u8);

        heap.Clear();
        var other = heap.Intern("zzzz"u8);
        var job = heap.Intern("job"u8);

        Assert.Equal(new Utf8Ref(0, 4), other);
        Assert.Equal("job", heap.GetString(job));
        Assert.Equal(new Utf8Ref(4, 3), job);
    }

    [Fact]
    public void LoadForgetsInternedStrings()
    {
        heap.Intern("job"u8);

        heap.Load(5, "abcde"u8);
        var job = heap.Intern("job"u8);

        Assert.Equal("job", heap.GetString(job));
        Assert.Equal(new Utf8Ref(5, 3), job);
    }

    [Fact]
    public void ReleasedHeapIsEmptyAndInternsAgain()
    {
        for (var i = 0; i < 1000; i++) heap.Intern($"k{i}");

        heap.Release();
        var reference = heap.Intern("k1"u8);

        Assert.Equal(new Utf8Ref(0, 2), reference);
        Assert.Equal(reference, heap.Intern("k1"u8));
    }

    [Fact]
    public void ShrinkGivesBackTheUnusedTailOfAReservation()
    {
        var prefix = heap.Add("ab"u8);
        var span = heap.Reserve(10, out var reserved);
        "xyz"u8.CopyTo(span);

        var used = heap.Shrink(reserved, 3);

        Assert.Equal(new Utf8Ref(2, 3), used);
        Assert.Equal(5, heap.Count);
        Assert.Equal("ab", heap.GetString(prefix));
        Assert.Equal("xyz", heap.GetString(used));
    }
}
