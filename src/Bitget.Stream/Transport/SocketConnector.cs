using System.Net;
using System.Net.Sockets;

namespace Bitget.Stream.Transport;

/// <summary>
/// Resolves a host and connects a blocking TCP socket to the first of its addresses (IPv6 or IPv4, in the resolver's
/// order) that answers, moving on to the next when one refuses, is unreachable or does not answer within its share
/// of the time left. Blocking connects, ended from outside by closing the socket (which ends a blocking call on it, as
/// Winsock documents for closesocket too): an async connect would leave the socket non-blocking for good (see
/// <see cref="BlockingSocketStream"/>).
/// </summary>
internal static class SocketConnector
{
    /// <summary>Resolves a host name to its addresses (tests substitute their own).</summary>
    public delegate IPAddress[] Resolver(string host, CancellationToken cancellation);

    /// <summary>The system resolver.</summary>
    public static readonly Resolver SystemResolver = (host, cancellation) =>
        Dns.GetHostAddressesAsync(host, cancellation).GetAwaiter().GetResult();

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> within <paramref name="deadline"/>.</summary>
    /// <param name="host">A DNS name or an IP literal.</param>
    /// <param name="port">The TCP port.</param>
    /// <param name="deadline">The <see cref="Environment.TickCount64"/> by which to give up.</param>
    /// <param name="cancellation">Ends the attempt.</param>
    /// <param name="resolve">The resolver.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> fired.</exception>
    /// <exception cref="TimeoutException">The deadline passed.</exception>
    /// <exception cref="IOException">No address accepted the connection.</exception>
    public static Socket Connect(string host, int port, long deadline, CancellationToken cancellation, Resolver resolve)
    {
        IPAddress[] addresses;
        if (IPAddress.TryParse(host, out var literal))
            addresses = [literal];
        else
        {
            try
            {
                addresses = resolve(host, cancellation);
            }
            catch (SocketException ex)
            {
                throw new IOException($"Could not resolve '{host}': {ex.Message}", ex);
            }
            if (addresses.Length == 0)
                throw new IOException($"'{host}' has no address.");
        }

        var failures = new List<string>();
        Exception? last = null;
        for (var i = 0; i < addresses.Length; i++)
        {
            cancellation.ThrowIfCancellationRequested();
            var left = deadline - Environment.TickCount64;
            if (left <= 0)
                throw new TimeoutException($"Connecting to {host}:{port} timed out{Tried(failures)}.");
            // Every address but the last gets an even share of the time left, so that one that never answers
            // (a black-holed IPv6 route) leaves time for the others.
            var share = i == addresses.Length - 1 ? left : Math.Max(left / (addresses.Length - i), Math.Min(left, 1000));
            var endpoint = new IPEndPoint(addresses[i], port);
            var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
            attempt.CancelAfter(TimeSpan.FromMilliseconds(share));
            try
            {
                using (attempt.Token.UnsafeRegister(s => ((Socket)s!).Dispose(), socket))
                    socket.Connect(endpoint);
                // A cancellation that raced the connect's success disposed the socket: count it as failed.
                if (attempt.IsCancellationRequested)
                    throw new SocketException((int)SocketError.TimedOut);
                return socket;
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
            {
                socket.Dispose();
                cancellation.ThrowIfCancellationRequested();
                last = ex;
                failures.Add($"{endpoint}: {(attempt.IsCancellationRequested ? "no answer" : ex.Message)}");
            }
        }
        throw new IOException($"Could not connect to {host}:{port}{Tried(failures)}.", last);
    }

    private static string Tried(List<string> failures) => failures.Count == 0 ? "" : $" ({string.Join("; ", failures)})";
}
