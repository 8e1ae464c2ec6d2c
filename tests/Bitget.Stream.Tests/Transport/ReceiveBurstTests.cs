using System.Net;
using System.Net.Sockets;
using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Transport;

/// <summary>
/// A feed posted to on a receive thread wakes its consumer once per burst: at the end of the burst (before the socket
/// read would block), not per item; items posted anywhere else, notices and completion wake at once.
/// </summary>
public sealed class ReceiveBurstTests
{
    private static BitgetFeed<object> NewFeed(int capacity, Action onWake)
    {
        var feed = new BitgetFeed<object>(capacity, null, _ => { }, () => { });
        feed.Available = onWake;
        return feed;
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own with a burst installed, as a receive thread has.</summary>
    private static void OnReceiveThread(ReceiveBurst burst, Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            burst.Install();
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        if (failure is not null)
            throw failure;
    }

    [Fact]
    public void PostsOnAReceiveThreadWakeTheConsumerOnceWhenTheBurstIsPaid()
    {
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        OnReceiveThread(new ReceiveBurst(TimeSpan.Zero), () =>
        {
            for (var i = 0; i < 100; i++)
                feed.Post(i);
            Assert.Equal(0, wakes);
            Assert.Equal(1, ReceiveBurst.Current!.Owed);
            ReceiveBurst.Current.Pay();
            Assert.Equal(1, wakes);
            feed.Post(100);
            ReceiveBurst.Current.Pay();
            Assert.Equal(2, wakes);
        });
        Assert.Equal(101, feed.Count);
    }

    [Fact]
    public void PostsOnAnyOtherThreadNoticesAndCompletionWakeAtOnce()
    {
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        feed.Post(1);
        feed.Post(2);
        Assert.Equal(2, wakes);
        OnReceiveThread(new ReceiveBurst(TimeSpan.Zero), () =>
        {
            feed.Post(3);
            Assert.Equal(2, wakes);
            feed.PostNotice(new BitgetNotice(BitgetNoticeKind.Warning, "now"));
            Assert.Equal(3, wakes);
            feed.Complete(null);
            Assert.Equal(4, wakes);
        });
    }

    [Fact]
    public void ALongBurstStillWakesTheConsumerBeforeHalfTheQueueFills()
    {
        var wakes = 0;
        var feed = NewFeed(10, () => wakes++);
        OnReceiveThread(new ReceiveBurst(TimeSpan.Zero), () =>
        {
            for (var i = 0; i < 4; i++)
                feed.Post(i);
            Assert.Equal(0, wakes);
            feed.Post(4);
            Assert.Equal(1, wakes);
        });
        Assert.Equal(0, feed.Dropped);
    }

    private static (Socket Reader, Socket Writer) ConnectedPair()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var reader = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reader.Connect(listener.LocalEndPoint!);
        return (reader, listener.Accept());
    }

    [Fact]
    public void TheBurstIsPaidWhenTheReadWouldBlockAndNotWhileDataWaits()
    {
        var (reader, writer) = ConnectedPair();
        using var _ = reader;
        using var __ = writer;
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        OnReceiveThread(new ReceiveBurst(TimeSpan.FromSeconds(30)), () =>
        {
            var burst = ReceiveBurst.Current!;
            feed.Post(1);
            writer.Send([1, 2, 3]);
            Assert.True(reader.Poll(10_000_000, SelectMode.SelectRead));
            burst.BeforeReceive(reader); // data waits in the kernel: the burst goes on
            Assert.Equal(0, wakes);
            reader.Receive(new byte[3]);
            burst.BeforeReceive(reader); // nothing left: the read would block, and nothing was paid before: pay now
            Assert.Equal(1, wakes);
        });
    }

    [Fact]
    public void AFloodIsPaidOnceTheOldestItemHasWaitedAWindow()
    {
        var (reader, writer) = ConnectedPair();
        using var _ = reader;
        using var __ = writer;
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        writer.Send([1, 2, 3]);
        Assert.True(reader.Poll(10_000_000, SelectMode.SelectRead));
        OnReceiveThread(new ReceiveBurst(TimeSpan.Zero), () =>
        {
            feed.Post(1);
            ReceiveBurst.Current!.BeforeReceive(reader); // data waits, but a zero window is due at once
            Assert.Equal(1, wakes);
        });
    }
}
