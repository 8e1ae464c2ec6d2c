using System.Globalization;

namespace Bitget.EndToEnd;

/// <summary>Command-line settings of the end-to-end benchmark.</summary>
internal sealed class BenchOptions
{
    public const string Usage =
        "usage: dotnet run -c Release --project bench/Bitget.EndToEnd -- [--seconds N (measured window per scenario, default 5)]"
        + " [--warmup N (seconds before each window, default 2)] [--rate N (fixed-rate scenario, tickers/s, default 10000)]"
        + " [--symbols N (topics, default 10)] [--only d,w,p,a,b,bd,bp,b0,i,e,c,ev2k-d,ev2k-t,ev2k-s,ev2k-s3,ev2k-m,ev2k-2c,ev2k-pd,ev2k-ps,ev2k-ps3,bu2k-…,bu20k-… or patterns (scenarios to run, default all)]"
        + " | --peers [--repeats N (rounds, default 5)] [--only ev2k,bu2k,bu20k (patterns, default all)]: ours in the real pwsh beside Node's bitget-api and ws alone"
        + " | --apis [--repeats N] [--only ev2k,bu2k,bu20k]: ours on the v2 (Classic) and the v3 (Unified) socket of one server, the C# session and the real pwsh, interleaved rounds";

    public double Seconds { get; private set; } = 5;

    public double Warmup { get; private set; } = 2;

    public int Rate { get; private set; } = 10_000;

    public int Symbols { get; private set; } = 10;

    /// <summary>--peers: the module in the real pwsh against Node clients (<see cref="PeerBench"/>) instead of the rows.</summary>
    public bool Peers { get; private set; }

    /// <summary>--apis: ours on the v2 and the v3 socket of one pattern server, interleaved rounds (<see cref="ApiBench"/>).</summary>
    public bool Apis { get; private set; }

    /// <summary>Rounds of every client per pattern in --peers and --apis.</summary>
    public int Repeats { get; private set; } = 5;

    public HashSet<string> Only { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Print each result as one JSON line instead of the table (for <see cref="ChildRun"/>).</summary>
    public bool Json { get; private set; }

    /// <summary>These settings as arguments, running only <paramref name="only"/>.</summary>
    public string[] ToArguments(string only) =>
    [
        "--seconds", Seconds.ToString(CultureInfo.InvariantCulture), "--warmup", Warmup.ToString(CultureInfo.InvariantCulture),
        "--rate", Rate.ToString(CultureInfo.InvariantCulture), "--symbols", Symbols.ToString(CultureInfo.InvariantCulture), "--only", only,
    ];

    public bool Runs(string scenario) => Only.Count == 0 || Only.Contains(scenario);

    /// <summary>Parses the arguments; throws <see cref="FormatException"/> with a message for the user.</summary>
    public static BenchOptions Parse(string[] args)
    {
        var o = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--seconds":
                    o.Seconds = Number(args, ref i, 0.5);
                    break;
                case "--warmup":
                    o.Warmup = Number(args, ref i, 0);
                    break;
                case "--rate":
                    o.Rate = (int)Number(args, ref i, 1);
                    break;
                case "--symbols":
                    o.Symbols = (int)Number(args, ref i, 1);
                    break;
                case "--peers":
                    o.Peers = true;
                    break;
                case "--apis":
                    o.Apis = true;
                    break;
                case "--repeats":
                    o.Repeats = (int)Number(args, ref i, 1);
                    break;
                case "--json":
                    o.Json = true;
                    break;
                case "--only":
                    i++;
                    if (i >= args.Length)
                        throw new FormatException("--only needs a value");
                    foreach (var s in args[i].Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        // "patterns": every row of issue 8's arrival patterns.
                        if (s == "patterns")
                        {
                            foreach (var p in ArrivalPattern.All)
                                o.Only.UnionWith(ArrivalPattern.RowSuffixes.Select(r => p.Id + r));
                            o.Only.Add(TwoConsumersScenario.Id);
                        }
                        else
                            o.Only.Add(s);
                    }
                    break;
                default:
                    throw new FormatException("unknown argument " + args[i]);
            }
        }
        if (o.Symbols > BenchTopics.MaxSymbols)
            throw new FormatException($"--symbols is at most {BenchTopics.MaxSymbols}");
        return o;
    }

    private static double Number(string[] args, ref int i, double min)
    {
        if (i + 1 >= args.Length)
            throw new FormatException(args[i] + " needs a value");
        i++;
        if (!double.TryParse(args[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value < min)
            throw new FormatException($"bad value for {args[i - 1]}: {args[i]} (at least {min.ToString(CultureInfo.InvariantCulture)})");
        return value;
    }
}
