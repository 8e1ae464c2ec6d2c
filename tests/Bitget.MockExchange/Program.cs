using System.Globalization;
using System.Runtime.InteropServices;

namespace Bitget.MockExchange;

/// <summary>
/// Command line: <c>--port N [--interval-ms N] [--drop-after N] [--no-pong] [--silent] [--flood | --rate N [--pattern bursts|even]
/// [--burst-ms N]]</c>. Prints one line
/// <c>Bitget mock exchange listening on ws://127.0.0.1:N/v2/ws/public</c> (then a line with the other endpoints: v2 private,
/// v3 public and private, REST, control) and runs until Ctrl+C or SIGTERM.
/// </summary>
internal static class Program
{
    private const string Usage =
        "usage: Bitget.MockExchange [--port N (0 = any free port)] [--interval-ms N] [--drop-after N] [--no-pong] [--silent]"
        + " [--flood (pre-encoded pushes, back to back) | --rate N (pre-encoded pushes, N frames/s per connection)"
        + " [--pattern bursts (default: every --burst-ms N ms, default 10, all frames due in one write) | even (one frame every 1/N s)]]";

    public static async Task<int> Main(string[] args)
    {
        var options = new MockExchangeOptions { Port = 8765 };
        try
        {
            for (var i = 0; i < args.Length; i++)
            {
                switch (args[i])
                {
                    case "--port":
                        options.Port = ParseInt(args, ref i);
                        break;
                    case "--interval-ms":
                        options.TickerInterval = TimeSpan.FromMilliseconds(ParseInt(args, ref i));
                        break;
                    case "--drop-after":
                        options.DropAfterPushes = ParseInt(args, ref i);
                        break;
                    case "--no-pong":
                        options.AnswerPings = false;
                        break;
                    case "--flood":
                        options.FloodFrames = true;
                        break;
                    case "--rate":
                        options.FramesPerSecond = ParseInt(args, ref i);
                        break;
                    case "--pattern":
                        options.PushPattern = ParsePattern(args, ref i);
                        break;
                    case "--burst-ms":
                        options.BurstIntervalMs = Math.Max(1, ParseInt(args, ref i));
                        break;
                    case "--silent":
                        options.SendData = false;
                        break;
                    case "-h" or "--help":
                        Console.Out.WriteLine(Usage);
                        return 0;
                    default:
                        throw new FormatException("unknown argument " + args[i]);
                }
            }
        }
        catch (FormatException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message + Environment.NewLine + Usage).ConfigureAwait(false);
            return 2;
        }

        var stop = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stop.TrySetResult();
        };
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            stop.TrySetResult();
        });

        await using var exchange = await MockBitgetExchange.StartAsync(options).ConfigureAwait(false);
        Console.Out.WriteLine("Bitget mock exchange listening on " + exchange.PublicEndpoint.AbsoluteUri);
        Console.Out.WriteLine("also " + exchange.PrivateEndpoint.AbsoluteUri + ", " + exchange.V3PublicEndpoint.AbsoluteUri + ", "
            + exchange.V3PrivateEndpoint.AbsoluteUri + ", REST " + exchange.RestBaseAddress.AbsoluteUri + "api/…, control "
            + exchange.RestBaseAddress.AbsoluteUri + "control/…");
        Console.Out.Flush();
        await stop.Task.ConfigureAwait(false);
        return 0;
    }

    private static PushPattern ParsePattern(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new FormatException(args[i] + " needs a value");
        }

        i++;
        return args[i] switch
        {
            "bursts" => PushPattern.Bursts,
            "even" => PushPattern.Even,
            _ => throw new FormatException("bad value for --pattern: " + args[i] + " (bursts or even)"),
        };
    }

    private static int ParseInt(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
        {
            throw new FormatException(args[i] + " needs a value");
        }

        i++;
        if (!int.TryParse(args[i], NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < 0)
        {
            throw new FormatException("bad value for " + args[i - 1] + ": " + args[i]);
        }

        return value;
    }
}
