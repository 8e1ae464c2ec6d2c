namespace Bitget.Stream.Transport;

/// <summary>
/// One WebSocket connection as the session sees it: connect, send text, close; frames come back through the
/// <see cref="IFrameReceiver"/> it was made with, on a receive thread of its own. How it reads (and with which library)
/// is its own business: the session uses any implementation alike (<see cref="WebsocketClientTransport"/> is the
/// module's; tests plug in others through the session options' transport factory). One connection per instance: after
/// it closed, the session makes a new one.
/// </summary>
internal interface IFrameTransport : IAsyncDisposable
{
    /// <summary>The thread frames are delivered on, once connecting started; null before.</summary>
    Thread? ReceiveThread { get; }

    /// <summary>Connects and starts receiving.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired first.</exception>
    /// <exception cref="Exception">The server could not be reached or refused the upgrade within the connect timeout.</exception>
    Task ConnectAsync(CancellationToken cancellation);

    /// <summary>Queues a text frame for sending; false when the connection is not open. Never blocks.</summary>
    bool Send(string text);

    /// <summary>Ends the connection now, whatever it is doing: a read blocked on the receive thread returns at once.</summary>
    void Abort();

    /// <summary>Closes: politely (a close frame, bounded in time) when <paramref name="graceful"/>, else by aborting.</summary>
    ValueTask CloseAsync(bool graceful);
}
