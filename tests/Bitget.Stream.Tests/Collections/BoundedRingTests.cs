using Bitget.Stream.Collections;

namespace Bitget.Stream.Tests.Collections;

public sealed class BoundedRingTests
{
    private static List<int> TakeAll(BoundedRing<int> ring)
    {
        var taken = new List<int>();
        while (ring.TryTake(out var item))
            taken.Add(item);
        return taken;
    }

    [Fact]
    public void KeepsOrderBelowCapacity()
    {
        var ring = new BoundedRing<int>(5);
        foreach (var i in new[] { 3, 1, 4 })
            Assert.False(ring.Add(i));
        Assert.Equal(3, ring.Count);
        Assert.Equal([3, 1, 4], TakeAll(ring));
        Assert.Equal(0, ring.Count);
        Assert.Equal(0, ring.Overwritten);
        Assert.False(ring.TryTake(out _));
    }

    [Fact]
    public void AFullRingKeepsTheNewestInOrderAndCountsWhatItOverwrites()
    {
        var ring = new BoundedRing<int>(4);
        var overwrote = Enumerable.Range(1, 10).Select(ring.Add).ToList();
        Assert.Equal([false, false, false, false, true, true, true, true, true, true], overwrote);
        Assert.Equal(4, ring.Count);
        Assert.Equal(6, ring.Overwritten);
        Assert.Equal([7, 8, 9, 10], TakeAll(ring));
    }

    [Fact]
    public void TakingAndAddingAcrossTheWrapKeepsOrderAndBound()
    {
        var ring = new BoundedRing<int>(3);
        var expected = new Queue<int>();
        var next = 0;
        var taken = 0;
        // Interleave adds and takes so the head walks around the array many times.
        for (var round = 0; round < 50; round++)
        {
            for (var i = 0; i < round % 5; i++)
            {
                ring.Add(next);
                expected.Enqueue(next++);
                if (expected.Count > 3)
                    expected.Dequeue();
                Assert.InRange(ring.Count, 0, 3);
            }
            if (ring.TryTake(out var item))
            {
                Assert.Equal(expected.Dequeue(), item);
                taken++;
            }
        }
        var rest = TakeAll(ring);
        Assert.Equal(expected, rest);
        // Every item added was either taken or counted as overwritten.
        Assert.Equal(next, taken + rest.Count + ring.Overwritten);
        Assert.True(ring.Overwritten > 0);
    }

    [Fact]
    public void ACapacityBelowOneIsRefused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BoundedRing<int>(0));
    }

    [Fact]
    public void NewestCopiesTheLastItemsAcrossTheWrapWithoutTakingThem()
    {
        var ring = new BoundedRing<int>(4);
        for (var i = 1; i <= 6; i++)
            ring.Add(i);
        Assert.Equal([5, 6], ring.Newest(2));
        Assert.Equal([3, 4, 5, 6], ring.Newest(10));
        Assert.Empty(ring.Newest(0));
        Assert.Equal(4, ring.Count);
        Assert.Empty(new BoundedRing<int>(3).Newest(2));
    }
}
