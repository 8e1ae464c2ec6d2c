namespace Bitget.Stream.Transport;

/// <summary>
/// What an <see cref="IFrameTransport"/> reports to the connection that owns it. <see cref="OnFrame"/> and
/// <see cref="OnReceiveDrained"/> run on the transport's receive thread, one call at a time and in order; they must not
/// block or throw.
/// </summary>
internal interface IFrameReceiver
{
    /// <summary>One whole frame (text or binary) as received; the bytes are valid only during the call.</summary>
    void OnFrame(ReadOnlySpan<byte> frame);

    /// <summary>
    /// Every frame received so far has been handed to <see cref="OnFrame"/> and the thread is about to read the socket
    /// again (where it may block): the end of a burst, and the moment to wake whoever waits for what it delivered.
    /// Also called once as the receive thread ends.
    /// </summary>
    void OnReceiveDrained();

    /// <summary>The connection is gone (closed by either side, lost, or failed), with a reason for people; called once, on any thread.</summary>
    void OnClosed(string reason);
}
