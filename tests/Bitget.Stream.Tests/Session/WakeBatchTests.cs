using System.Net;
using System.Net.Sockets;
using Bitget.Stream.Models;
using Bitget.Stream.Session;
using Bitget.Stream.Transport;

namespace Bitget.Stream.Tests.Session;

/// <summary>
/// A feed posted to while a connection handles a frame wakes its consumer once per burst: when the transport has handed
/// over everything it read and is about to read the socket again, not per item; items posted anywhere else, notices and
/// completion wake at once.
/// </summary>
public sealed class WakeBatchTests
{
    private static BitgetFeed<object> NewFeed(int capacity, Action onWake)
    {
        var feed = new BitgetFeed<object>(capacity, null, _ => { }, () => { });
        feed.Available = onWake;
        return feed;
    }

    /// <summary>Runs <paramref name="body"/> on a thread of its own, as a receive thread handling a frame.</summary>
    private static void OnReceiveThread(WakeBatch batch, Action body)
    {
        Exception? failure = null;
        var thread = new Thread(() =>
        {
            batch.Enter();
            try
            {
                body();
            }
            catch (Exception ex)
            {
                failure = ex;
            }
            finally
            {
                WakeBatch.Leave();
            }
        });
        thread.Start();
        Assert.True(thread.Join(TimeSpan.FromSeconds(10)));
        if (failure is not null)
            throw failure;
    }

    [Fact]
    public void PostsWhileAFrameIsHandledWakeTheConsumerOnceWhenTheBatchIsPaid()
    {
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        var batch = new WakeBatch();
        OnReceiveThread(batch, () =>
        {
            for (var i = 0; i < 100; i++)
                feed.Post(i);
            Assert.Equal(0, wakes);
            Assert.Equal(1, batch.Owed);
            batch.Pay();
            Assert.Equal(1, wakes);
            feed.Post(100);
            batch.Pay();
            Assert.Equal(2, wakes);
        });
        Assert.Equal(101, feed.Count);
    }

    [Fact]
    public void PostsOutsideAFrameNoticesAndCompletionWakeAtOnce()
    {
        var wakes = 0;
        var feed = NewFeed(10_000, () => wakes++);
        feed.Post(1);
        feed.Post(2);
        Assert.Equal(2, wakes);
        OnReceiveThread(new WakeBatch(), () =>
        {
            feed.Post(3);
            Assert.Equal(2, wakes);
            feed.PostNotice(new BitgetNotice(BitgetNoticeKind.Warning, "now"));
            Assert.Equal(3, wakes);
            feed.Complete(null);
            Assert.Equal(4, wakes);
            // Once the frame is handled, posts on this thread wake at once again.
            WakeBatch.Leave();
            Assert.Null(WakeBatch.Current);
        });
    }

    [Fact]
    public void ALongBurstStillWakesTheConsumerBeforeHalfTheQueueFills()
    {
        var wakes = 0;
        var feed = NewFeed(10, () => wakes++);
        OnReceiveThread(new WakeBatch(), () =>
        {
            for (var i = 0; i < 4; i++)
                feed.Post(i);
            Assert.Equal(0, wakes);
            feed.Post(4);
            Assert.Equal(1, wakes);
        });
        Assert.Equal(0, feed.Dropped);
    }

    [Fact]
    public void TheSocketStreamCallsBeforeReceiveBeforeEachReadFromTheKernelOnly()
    {
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(1);
        var reader = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        reader.Connect(listener.LocalEndPoint!);
        using var writer = listener.Accept();
        using var stream = new BlockingSocketStream(reader);
        var calls = 0;
        stream.BeforeReceive = () => calls++;
        writer.Send([1, 2, 3]);
        var buffer = new byte[1];
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(1, calls);
        // The other two bytes are buffered: no kernel read, no call.
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(1, calls);
        writer.Send([4]);
        Assert.Equal(1, stream.Read(buffer));
        Assert.Equal(4, buffer[0]);
        Assert.Equal(2, calls);
    }
}
