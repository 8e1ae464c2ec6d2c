namespace Bitget.Stream.Session;

/// <summary>
/// Thrown by a connection hook when reconnecting cannot help (rejected credentials): the session ends as failed with
/// this message instead of retrying.
/// </summary>
public sealed class BitgetSessionFatalException(string message, Exception? inner = null) : Exception(message, inner);
