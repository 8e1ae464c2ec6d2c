using System.Threading.Tasks.Sources;

namespace Bitget.Stream.Transport;

/// <summary>
/// The one thread of a connection that reads its socket. It connects first (blocking calls on its own thread), then
/// serves reads: a read made on this thread runs inline (see <see cref="ReceiveThreadStream"/>), and a read started on
/// any other thread is handed over here (<see cref="HandOver"/>) and completed here, with its continuation run inline.
/// Websocket.Client's first receive is made inside Start(), right after the connection factory's task completes: that
/// task completes on this thread, so Start() continues here, and its first read, made here while connecting, is held
/// as pending (not run inline, or Start() would never return). Once Start() and its callers have returned, the thread
/// serves that read; its continuation, and with it the whole receive loop, then runs here, every later read inline.
/// Nothing else ever reads the socket. The thread ends once stopped, or when a read fails (the socket was shut down).
/// </summary>
internal sealed class DedicatedReceiveThread : IValueTaskSource<int>
{
    private readonly Thread _thread;
    private readonly object _gate = new();
    private ManualResetValueTaskSourceCore<int> _source = new() { RunContinuationsAsynchronously = false };
    private Action? _connect;
    private Action? _onExit;
    private Func<Memory<byte>, int>? _pendingRead;
    private Memory<byte> _pendingBuffer;
    private bool _awaited;
    private bool _stopping;
    private bool _connecting;

    /// <param name="name">The thread's name (diagnostics, and how a test recognises it).</param>
    public DedicatedReceiveThread(string name)
    {
        // Background: a connection left open never keeps a process (pwsh) from exiting.
        _thread = new Thread(Run) { IsBackground = true, Name = name };
    }

    /// <summary>The thread itself.</summary>
    public Thread Thread => _thread;

    /// <summary>Whether the caller runs on this thread.</summary>
    public bool IsCurrent => ReferenceEquals(Thread.CurrentThread, _thread);

    /// <summary>Whether a read made now may run inline: on this thread, once connected (see the class remarks).</summary>
    public bool ReadsInline => IsCurrent && !_connecting;

    /// <summary>Starts the thread: <paramref name="connect"/> runs on it first (it reports its own outcome), then reads are served.</summary>
    /// <param name="connect">Connects; if it throws, the thread ends.</param>
    /// <param name="onExit">Runs on the thread as it ends (disposes what only this thread may touch).</param>
    public void Start(Action connect, Action? onExit = null)
    {
        _connect = connect;
        _onExit = onExit;
        _thread.Start();
    }

    /// <summary>Asks the thread to end once no read is pending (the stream is disposed: a read in progress fails).</summary>
    public void Stop()
    {
        lock (_gate)
        {
            _stopping = true;
            Monitor.Pulse(_gate);
        }
    }

    /// <summary>Has <paramref name="read"/> run on this thread; the returned task completes there.</summary>
    public ValueTask<int> HandOver(Memory<byte> buffer, Func<Memory<byte>, int> read)
    {
        lock (_gate)
        {
            if (_pendingRead is not null)
                return ValueTask.FromException<int>(new InvalidOperationException("A read is already pending on this connection."));
            if (_stopping)
                return ValueTask.FromException<int>(new IOException("The connection was aborted."));
            _source.Reset();
            _awaited = false;
            _pendingBuffer = buffer;
            _pendingRead = read;
            Monitor.Pulse(_gate);
            return new ValueTask<int>(this, _source.Version);
        }
    }

    private void Run()
    {
        try
        {
            _connecting = true;
            try
            {
                _connect!();
            }
            catch (Exception)
            {
                // The connect step reported the failure to whoever waits for it.
                return;
            }
            finally
            {
                _connecting = false;
            }
            while (true)
            {
                Func<Memory<byte>, int> read;
                Memory<byte> buffer;
                lock (_gate)
                {
                    while (_pendingRead is null && !_stopping)
                        Monitor.Wait(_gate);
                    // A read handed over before the stop still gets its answer (an error, as the stream is gone).
                    if (_pendingRead is null)
                        return;
                    read = _pendingRead;
                    buffer = _pendingBuffer;
                    _pendingRead = null;
                    _pendingBuffer = default;
                }
                int n;
                try
                {
                    n = read(buffer);
                }
                catch (Exception ex)
                {
                    _source.SetException(ex);
                    continue;
                }
                // Not before the reader awaits: a read completed earlier would let it continue on its own thread (and
                // its next reads be handed over again). Completed after, it runs the reader's continuation here: from
                // now on its reads are made on this thread, inline. (A reader on another thread may still be unwinding
                // callers that await it; they then continue there until their next read comes back here.)
                lock (_gate)
                {
                    while (!_awaited && !_stopping)
                        Monitor.Wait(_gate);
                }
                _source.SetResult(n);
            }
        }
        finally
        {
            _onExit?.Invoke();
        }
    }

    int IValueTaskSource<int>.GetResult(short token) => _source.GetResult(token);

    ValueTaskSourceStatus IValueTaskSource<int>.GetStatus(short token) => _source.GetStatus(token);

    void IValueTaskSource<int>.OnCompleted(Action<object?> continuation, object? state, short token, ValueTaskSourceOnCompletedFlags flags)
    {
        lock (_gate)
        {
            // Registered first, then released: the result is set only after this, so the continuation runs where it is set.
            _source.OnCompleted(continuation, state, token, flags);
            _awaited = true;
            Monitor.Pulse(_gate);
        }
    }
}
