using System.Net.Sockets;
using System.Runtime.InteropServices;

namespace Bitget.Stream.Transport;

/// <summary>
/// Waits up to a given number of microseconds for a socket to become readable. <see cref="Socket.Poll(int, SelectMode)"/>
/// truncates its timeout to whole milliseconds on Unix (poll(2)), too coarse for a wait of a fraction of a millisecond;
/// on Linux this calls ppoll(2), which takes nanoseconds. Elsewhere it falls back to Socket.Poll (Windows' select takes
/// microseconds).
/// </summary>
internal static class SocketReadiness
{
    private const short PollIn = 0x0001;

    /// <summary>True when data (or the end of the stream, or an error) is there within <paramref name="microseconds"/> (0: now).</summary>
    public static bool WaitReadable(Socket socket, long microseconds)
    {
        if (!OperatingSystem.IsLinux())
            return socket.Poll((int)Math.Clamp(microseconds, 0, int.MaxValue), SelectMode.SelectRead);
        var handle = socket.SafeHandle;
        var added = false;
        try
        {
            handle.DangerousAddRef(ref added);
            var fd = new PollFd { Fd = (int)handle.DangerousGetHandle(), Events = PollIn };
            var timeout = new TimeSpec { Seconds = microseconds / 1_000_000, Nanoseconds = microseconds % 1_000_000 * 1000 };
            var ready = PPoll(ref fd, 1, ref timeout, IntPtr.Zero);
            // -1 (EINTR and the like) counts as "nothing came": the caller then does what it does at the end of a burst.
            return ready > 0;
        }
        finally
        {
            if (added)
                handle.DangerousRelease();
        }
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "ppoll")]
    private static extern int PPoll(ref PollFd fds, nuint count, ref TimeSpec timeout, IntPtr signalMask);
}
