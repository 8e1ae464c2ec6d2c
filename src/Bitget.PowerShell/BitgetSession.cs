using Bitget.Stream.Buffering;
using Bitget.Stream.Models;
using Bitget.Stream.Session;

namespace Bitget.PowerShell;

/// <summary>
/// A streaming session as PowerShell sees it: a named <see cref="BitgetStreamSession"/> of this runspace with
/// its live state and counters. Returned by Connect-BitgetStream and Get-BitgetStream.
/// </summary>
public sealed class BitgetSession
{
    private readonly Sessions.RunspaceSessionRegistry _owner;
    private readonly List<System.Management.Automation.Job> _jobs = [];

    /// <summary>Items kept per kind and symbol when Connect-BitgetStream is not given -BufferSize.</summary>
    public const int DefaultBufferSize = 1000;

    /// <summary>
    /// Items kept per kind over all symbols when Connect-BitgetStream is not given -BufferSize (about 50 MiB of tickers):
    /// with more than 100 symbols each keeps its share.
    /// </summary>
    public const int DefaultBufferLimit = 100_000;

    internal BitgetSession(int id, string name, BitgetStreamSession stream, Sessions.RunspaceSessionRegistry owner,
        int bufferSize = DefaultBufferSize, int bufferLimit = DefaultBufferLimit)
    {
        Id = id;
        Name = name;
        Stream = stream;
        _owner = owner;
        Buffers = new SessionBuffers(stream, bufferSize, bufferLimit);
    }

    internal BitgetStreamSession Stream { get; }

    /// <summary>The last items per kind and symbol (Get-BitgetTicker reads them).</summary>
    internal SessionBuffers Buffers { get; }

    /// <summary>Items kept per kind and symbol at most for Get-BitgetTicker (-BufferSize of Connect-BitgetStream; 1,000 by default).</summary>
    public int BufferSize => Buffers.CapacityPerKey;

    /// <summary>
    /// Tickers kept over all symbols at most: 100,000 by default (about 50 MiB), 0 when -BufferSize was given (then each
    /// symbol keeps BufferSize, however many there are).
    /// </summary>
    public int BufferLimit => Buffers.TotalCapacity;

    /// <summary>Tickers kept per symbol now: BufferSize, or each symbol's share of BufferLimit once that is smaller.</summary>
    public int BufferDepth => Buffers.Of<BitgetTicker>().DepthPerKey;

    /// <summary>
    /// Tickers the buffer gave up before their symbol held BufferSize, to stay within BufferLimit (oldest first): history
    /// not kept for Get-BitgetTicker, not tickers lost to delivery.
    /// </summary>
    public long BufferTrimmed => Buffers.Of<BitgetTicker>().Trimmed;

    /// <summary>The session's name (unique in the runspace).</summary>
    public string Name { get; }

    /// <summary>A number unique in the runspace.</summary>
    public int Id { get; }

    /// <summary>Connecting, Connected, Reconnecting, Closed or Failed; a replay is Replaying until it has played (then Closed).</summary>
    public BitgetSessionState State => Stream.State;

    /// <summary>The WebSocket endpoint; for a replay, the recording (a file: URI).</summary>
    public Uri Endpoint => Stream.Endpoint;

    /// <summary>The API the session speaks: <c>Classic</c> (v2) or <c>Unified</c> (v3, the Unified Trading Account).</summary>
    public Bitget.Stream.Protocol.BitgetApi Api => Stream.Api;

    /// <summary>Whether the session logs in and so can carry the private channels (orders, positions, account, fills).</summary>
    public bool IsPrivate => Stream.LogsIn();

    /// <summary>Whether cmdlets use this session when no -Session is given.</summary>
    public bool IsDefault => ReferenceEquals(_owner.Default, this);

    /// <summary>Subscriptions with their state and per-topic counters.</summary>
    public BitgetSubscriptionInfo[] Subscriptions => [.. Stream.Subscriptions];

    /// <summary>Number of subscribed topics.</summary>
    public int SubscriptionCount => Stream.SubscriptionCount;

    /// <summary>Frames received since the session started.</summary>
    public long MessagesReceived => Stream.MessagesReceived;

    /// <summary>Connections opened after the first one.</summary>
    public int ReconnectCount => Stream.ReconnectCount;

    /// <summary>When the last frame arrived (UTC).</summary>
    public DateTimeOffset? LastMessageAt => Stream.LastMessageAt;

    /// <summary>When the current connection opened (UTC); empty while disconnected.</summary>
    public DateTimeOffset? ConnectedSince => Stream.ConnectedSince;

    /// <summary>Frames that were invalid or unusable and were skipped.</summary>
    public long BadFrames => Stream.BadFrames;

    /// <summary>Malformed values of known fields, left empty in items that were kept (each field reported once per channel).</summary>
    public long BadFields => Stream.BadFields;

    /// <summary>Items dropped because a consumer fell behind.</summary>
    public long DroppedMessages => Stream.DroppedMessages;

    /// <summary>Pushes skipped because they repeated the data of the last push of their topic (a re-sent snapshot).</summary>
    public long DuplicateMessages => Stream.DuplicateMessages;

    /// <summary>Pushes skipped because they were older than data already delivered for their topic.</summary>
    public long OutOfOrderMessages => Stream.OutOfOrderMessages;

    /// <summary>Times a topic's exchange time stepped far back and was followed as a restarted clock (nothing skipped).</summary>
    public long TimestampRestarts => Stream.TimestampRestarts;

    /// <summary>Pushes for topics nobody holds: dropped, and the server asked to stop sending them.</summary>
    public long UnownedMessages => Stream.UnownedMessages;

    /// <summary>Order book updates that did not follow on from the last one (a seq gap): each led to a fresh snapshot.</summary>
    public long OrderBookSequenceGaps => Stream.OrderBookSequenceGaps;

    /// <summary>Order books that did not match the exchange's checksum: each led to a fresh snapshot.</summary>
    public long OrderBookChecksumMismatches => Stream.OrderBookChecksumMismatches;

    /// <summary>Order book updates not applied while a book waited for its snapshot.</summary>
    public long OrderBookUpdatesDiscarded => Stream.OrderBookUpdatesDiscarded;

    /// <summary>
    /// Connections the session holds open: one per 50 topics (Bitget recommends fewer than 50 a connection); 0 while it
    /// has no subscription (Bitget cuts such connections, so the session closes them and opens one with the next).
    /// </summary>
    public int ConnectionCount => Stream.ConnectionCount;

    /// <summary>Topics acknowledged by the server but silent even after a resubscribe (see Subscriptions).</summary>
    public int StaleSubscriptionCount => Stream.StaleSubscriptionCount;

    /// <summary>Time between pings.</summary>
    public TimeSpan PingInterval => Stream.Options.PingInterval;

    /// <summary>Silence after a ping that replaces the connection.</summary>
    public TimeSpan PongTimeout => Stream.Options.PongTimeout;

    /// <summary>True when the session plays a recording (Connect-BitgetStream -ReplayPath) instead of a connection.</summary>
    public bool IsReplay => Stream.IsReplay;

    /// <summary>
    /// What a replay's recording holds, read when it was connected and before anything plays: Frames, Topics, From and
    /// To (its first and last receipt time, UTC). Empty for a session that connects.
    /// </summary>
    public Bitget.Stream.Recording.CaptureContents? ReplayContents => Stream.ReplayContents;

    /// <summary>Frames stored in the -RecordPath file so far (0 when not recording).</summary>
    public long RecordedFrames => Stream.RecordedFrames;

    /// <summary>Why the session ended, once it has.</summary>
    public string? EndReason => Stream.EndReason;

    internal void AddJob(System.Management.Automation.Job job)
    {
        lock (_jobs)
            _jobs.Add(job);
    }

    /// <summary>The session's -Action jobs (those not finished).</summary>
    internal IActionJob[] ActionJobs()
    {
        lock (_jobs)
            return [.. _jobs.OfType<IActionJob>()];
    }

    internal void RemoveJob(System.Management.Automation.Job job)
    {
        lock (_jobs)
            _jobs.Remove(job);
    }

    /// <summary>Longest wait for a session's connections to close politely (a stalled peer is then dropped).</summary>
    internal static readonly TimeSpan CloseBound = TimeSpan.FromSeconds(5);

    /// <summary>Stops the session's jobs, closes its sockets (waiting at most <see cref="CloseBound"/>) and forgets it.</summary>
    internal void Close() => BeginClose().Wait(CloseBound);

    /// <summary>
    /// Stops the session's jobs and forgets it here and now; returns the close of its connections, under way on the thread
    /// pool, so that several sessions close together rather than one after another.
    /// </summary>
    internal Task BeginClose()
    {
        System.Management.Automation.Job[] jobs;
        lock (_jobs)
            jobs = [.. _jobs];
        foreach (var job in jobs)
            job.StopJob();
        Buffers.Dispose();
        _owner.Remove(this);
        // Not on this thread: even the first steps of a close may block (a send to a stalled peer).
        return Task.Run(() => Stream.DisposeAsync().AsTask());
    }

    /// <inheritdoc />
    public override string ToString() => Name;
}
