using System.Globalization;
using Bitget.Stream.Protocol;

namespace Bitget.Soak;

/// <summary>Command line of the soak: <c>--symbols N --interval-ms N --minutes N --fault-every S --ping S --pong S --api Classic|Unified</c>.</summary>
internal sealed class SoakOptions
{
    public int Symbols { get; private set; } = 200;
    public int IntervalMs { get; private set; } = 100;
    public double Minutes { get; private set; } = 5;
    public double FaultEverySeconds { get; private set; } = 20;
    public double PingSeconds { get; private set; } = 2;
    public double PongSeconds { get; private set; } = 2;
    public double OutageSeconds { get; private set; } = 5;
    public Fault[] Faults { get; private set; } = Enum.GetValues<Fault>();

    /// <summary>The API the session speaks: the mock's v2 socket (Classic) or its v3 socket (Unified), the same market.</summary>
    public BitgetApi Api { get; private set; } = BitgetApi.Classic;

    public const string Usage =
        "usage: dotnet run -c Release --project bench/Bitget.Soak -- [--symbols 200] [--interval-ms 100] [--minutes 5] " +
        "[--fault-every 20] [--ping 2] [--pong 2] [--outage 5] [--faults Reset,Close1000,HalfOpen,Outage,ServiceUpgrade] [--api Classic|Unified]";

    public static SoakOptions Parse(string[] args)
    {
        var o = new SoakOptions();
        for (var i = 0; i < args.Length; i++)
        {
            double Next() => i + 1 < args.Length
                ? double.Parse(args[++i], NumberStyles.Float, CultureInfo.InvariantCulture)
                : throw new FormatException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--symbols": o.Symbols = (int)Next(); break;
                case "--interval-ms": o.IntervalMs = (int)Next(); break;
                case "--minutes": o.Minutes = Next(); break;
                case "--fault-every": o.FaultEverySeconds = Next(); break;
                case "--ping": o.PingSeconds = Next(); break;
                case "--pong": o.PongSeconds = Next(); break;
                case "--outage": o.OutageSeconds = Next(); break;
                case "--faults":
                    o.Faults = i + 1 < args.Length
                        ? args[++i].Split(',').Select(f => Enum.TryParse<Fault>(f, ignoreCase: true, out var fault) ? fault
                            : throw new FormatException($"unknown fault {f}; use {string.Join(", ", Enum.GetNames<Fault>())}")).ToArray()
                        : throw new FormatException("--faults needs a value");
                    break;
                case "--api":
                    o.Api = i + 1 < args.Length && Enum.TryParse<BitgetApi>(args[++i], ignoreCase: true, out var api) && Enum.IsDefined(api)
                        ? api
                        : throw new FormatException("--api is Classic or Unified");
                    break;
                default: throw new FormatException($"unknown argument {args[i]}");
            }
        }
        if (o.Symbols is < 1 or > 1000) throw new FormatException("--symbols must be 1 to 1000 (the mock lists SYM1USDT..SYM1000USDT)");
        return o;
    }
}
