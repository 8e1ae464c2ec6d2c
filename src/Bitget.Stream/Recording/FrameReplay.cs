namespace Bitget.Stream.Recording;

/// <summary>
/// Reads a <see cref="FrameCapture"/> file (gzip when its name ends in <c>.gz</c>) and hands each frame on with its
/// recorded receipt time, at the recorded pace times <see cref="Speed"/> (0: as fast as they can be handled). A file
/// cut by a crash or damaged is played as far as it is intact: what is skipped is counted and reported with where it
/// was (see <see cref="RunAsync"/>).
/// </summary>
public sealed class FrameReplay
{
    private readonly CaptureReader _reader;

    /// <summary>Prepares a replay of <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no such file.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="speed"/> is negative or not a number.</exception>
    public FrameReplay(string path, double speed = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        if (!File.Exists(Path))
            throw new FileNotFoundException($"There is no recording at '{Path}'.", Path);
        if (double.IsNaN(speed) || speed < 0 || double.IsInfinity(speed))
            throw new ArgumentOutOfRangeException(nameof(speed), speed, "The replay speed is 0 (as fast as possible), 1 (as recorded) or a factor above 0.");
        Speed = speed;
        _reader = new CaptureReader(Path);
    }

    /// <summary>The recording.</summary>
    public string Path { get; }

    /// <summary>0: as fast as possible; 1: as recorded; N: N times faster.</summary>
    public double Speed { get; }

    /// <summary>Frames handed on so far.</summary>
    public long Frames { get; private set; }

    /// <summary>Lines that were not a recorded frame (skipped).</summary>
    public long BadLines => _reader.BadLines;

    /// <summary>
    /// Cut or damaged parts skipped: a plain file's cut last line, a gzip member cut by a crash or damaged, bytes that
    /// are not gzip data. Each is reported to the warning callback of <see cref="RunAsync"/> with where it was.
    /// </summary>
    public long DamagedParts => _reader.DamagedParts;

    /// <summary>
    /// Checks that the file is a capture: it begins with a recorded frame (an empty file is an empty capture). Reads only
    /// the start, so a connect can refuse a file that is not a recording at all before anything plays.
    /// </summary>
    /// <exception cref="InvalidDataException">The file is not a capture (or is damaged from its first byte); the message says which file and why.</exception>
    public void CheckFirstFrame()
    {
        if (_reader.CheckStart() is { } problem)
            throw new InvalidDataException(problem);
    }

    /// <summary>
    /// Reads the whole capture once, playing nothing: its frames, the topics of its pushes, its time range and the API
    /// that recorded it. A damaged capture is read as far as it is intact (as a replay plays it).
    /// </summary>
    /// <exception cref="InvalidDataException">
    /// The file is not empty but holds no readable frame: not a capture at all, or damaged throughout. The message says
    /// which file and the first thing wrong in it.
    /// </exception>
    public CaptureContents ReadContents(CancellationToken cancellation = default)
    {
        var reader = new CaptureReader(Path);
        string? firstProblem = null;
        var topics = new HashSet<Models.BitgetTopic>();
        Parsing.BitgetFrameParser? parser = null;
        DateTimeOffset? from = null, to = null;
        long frames = 0;
        foreach (var (receivedAt, frame) in reader.Read(warning => firstProblem ??= warning, cancellation))
        {
            frames++;
            if (from is null || receivedAt < from)
                from = receivedAt;
            if (to is null || receivedAt > to)
                to = receivedAt;
            // The first frame that names a topic says which API's spelling the capture uses (see DetectApi).
            if (parser is null && Protocol.WireDialect.ApiOfFrame(frame.Span) is { } api)
                parser = new Parsing.BitgetFrameParser(dialect: Protocol.WireDialect.For(api));
            if (parser is null)
                continue;
            var envelope = parser.Parse(frame.Span, receivedAt, NoPushReaders.Instance);
            if (envelope.Kind == Parsing.BitgetFrameKind.Push && envelope.Channel is { } channel)
                topics.Add(new Models.BitgetTopic(envelope.InstType ?? "", channel, envelope.InstId ?? ""));
        }
        if (frames == 0 && reader.BadLines + reader.DamagedParts > 0)
            throw new InvalidDataException($"{System.IO.Path.GetFileName(Path)} is not a frame capture (Connect-BitgetStream -RecordPath writes one): it holds no readable recorded frame {{\"receivedAt\":…,\"frame\":…}}. {firstProblem}");
        return new CaptureContents(Path, frames, topics, from, to, parser?.Dialect.Api ?? Protocol.BitgetApi.Classic);
    }

    // Reads envelopes only: every push's data is skipped.
    private sealed class NoPushReaders : Parsing.IPushReaderSource
    {
        public static readonly NoPushReaders Instance = new();

        public Parsing.IPushReader? ReaderFor(string channel) => null;
    }

    /// <summary>
    /// Which API recorded the capture, read from its first frames that carry a topic: a v3 argument names its
    /// <c>topic</c>, a v2 one its <c>channel</c>. A capture without any (only pongs) is Classic, as older captures are.
    /// </summary>
    /// <param name="maxFrames">How many frames to look at before deciding Classic.</param>
    public Protocol.BitgetApi DetectApi(int maxFrames = 10_000)
    {
        var seen = 0;
        foreach (var (_, frame) in new CaptureReader(Path).Read(null, CancellationToken.None))
        {
            if (Protocol.WireDialect.ApiOfFrame(frame.Span) is { } api)
                return api;
            if (++seen >= maxFrames)
                break;
        }
        return Protocol.BitgetApi.Classic;
    }

    /// <summary>Hands every frame to <paramref name="onFrame"/> in order, on the calling thread between waits.</summary>
    /// <param name="onFrame">Gets the frame's bytes (valid during the call only) and its recorded receipt time.</param>
    /// <param name="cancellation">Stops the replay.</param>
    /// <param name="consumersBusy">
    /// True while the consumers are too far behind: the replay waits (a recording is played whole, never dropped).
    /// </param>
    /// <param name="onWarning">
    /// Told of each part of the file skipped, with where it was (file, line number or byte offset): a line that is not a
    /// frame, a cut last line, a gzip member cut by a crash or damaged (its frames decoded before the break are played,
    /// the replay goes on at the next intact member), bytes that are not gzip data.
    /// </param>
    public async Task RunAsync(Action<ReadOnlyMemory<byte>, DateTimeOffset> onFrame, CancellationToken cancellation, Func<bool>? consumersBusy = null,
        Action<string>? onWarning = null)
    {
        ArgumentNullException.ThrowIfNull(onFrame);
        DateTimeOffset? first = null;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        foreach (var (receivedAt, frame) in _reader.Read(onWarning, cancellation))
        {
            if (Speed > 0)
            {
                first ??= receivedAt;
                var due = TimeSpan.FromTicks((long)((receivedAt - first.Value).Ticks / Speed));
                var wait = due - clock.Elapsed;
                if (wait > TimeSpan.Zero)
                    await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
            while (consumersBusy?.Invoke() == true)
                await Task.Delay(1, cancellation).ConfigureAwait(false);
            onFrame(frame, receivedAt);
            Frames++;
        }
    }
}
