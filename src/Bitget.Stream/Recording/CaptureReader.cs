using Microsoft.Win32.SafeHandles;

namespace Bitget.Stream.Recording;

/// <summary>
/// Reads the frames of a <see cref="FrameCapture"/> file as a crash, a full disk or a bad copy may have left it, and
/// says what it skipped and where. Every intact frame is read; what is not is reported through the warning callback
/// (file, line number or byte offset) and counted:
/// <list type="bullet">
/// <item>Plain file: a line that is not a recorded frame is skipped with its line number; a last line without its
/// newline is played when it is a whole frame, else reported as cut.</item>
/// <item>Gzip: read member by member (RFC 1952), each member's CRC-32 and size checked against its trailer. Frames are
/// played as they are decoded, so those of a member that is cut (no end: a crash) or damaged before its break are
/// played: each is a whole line that parsed as a frame. The line the break cut through is dropped, and the warning
/// says how many frames came from the member and where it broke. Reading goes on at the next intact member, found by
/// its header magic and accepted only when it decodes to a recorded frame (or to a whole member whose trailer matches),
/// since the three magic bytes also occur inside compressed data.</item>
/// </list>
/// </summary>
internal sealed class CaptureReader(string path)
{
    /// <summary>A longer line is not a frame (frames over 1 MiB are refused; escaped, one is at most 6 MiB).</summary>
    public const int MaxLineBytes = 8 * 1024 * 1024;

    private const int ReportedBadLines = 10;
    private const int ReportedDamage = 20;

    private readonly string _name = Path.GetFileName(path);
    private readonly byte[] _chunk = new byte[64 * 1024];
    // Decompressed a piece at a time: an inflater that meets damage loses what its failing step decoded, at most this.
    private readonly byte[] _decoded = new byte[4 * 1024];
    private byte[] _frame = new byte[4096];
    private Action<string>? _warn;
    private int _badLineReports;
    private int _damageReports;

    private enum LineKind
    {
        Frame,
        Empty,
        Bad,
    }

    /// <summary>Lines that were not a recorded frame (skipped).</summary>
    public long BadLines { get; private set; }

    /// <summary>Cut or damaged parts skipped: a cut last line, a cut or damaged gzip member, bytes that are not gzip data.</summary>
    public long DamagedParts { get; private set; }

    /// <summary>The frames in order; a frame's bytes are valid until the next is read.</summary>
    /// <param name="warn">Told of each part skipped (the first 10 bad lines and 20 damaged parts one by one, then once that more follow).</param>
    /// <param name="cancellation">Stops the reading.</param>
    public IEnumerable<CapturedFrame> Read(Action<string>? warn, CancellationToken cancellation)
    {
        _warn = warn;
        _badLineReports = 0;
        _damageReports = 0;
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        var frames = FrameCapture.IsGzip(path) ? ReadGzip(file, cancellation) : ReadPlain(file, cancellation);
        foreach (var frame in frames)
            yield return frame;
    }

    /// <summary>
    /// Why the file is not a capture (it does not begin with a recorded frame: another kind of file, or damaged from its
    /// first byte), or null when it is one. An empty file is an empty capture. Reads only the start.
    /// </summary>
    public string? CheckStart()
    {
        using var file = File.OpenHandle(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (RandomAccess.GetLength(file) == 0)
            return null;
        if (FrameCapture.IsGzip(path))
        {
            return GzipHeader.Read(file, 0, out _) != GzipHeader.Kind.Member
                ? $"{_name} is not a gzip file (its name ends in .gz, its first bytes are not a gzip header)."
                : StartsMember(file, 0, CancellationToken.None, firstLineOnly: true)
                    ? null
                    : $"{_name} is not a frame capture: its first line is not a recorded frame {{\"receivedAt\":…,\"frame\":…}}, or its gzip data is damaged from the start.";
        }
        var lines = new LineSplitter(MaxLineBytes);
        long offset = 0;
        int read;
        while ((read = RandomAccess.Read(file, _chunk, offset)) > 0)
        {
            offset += read;
            lines.Feed(_chunk.AsMemory(0, read));
            while (lines.TryTake(out var line))
            {
                var kind = Classify(line, out _);
                if (kind == LineKind.Frame)
                    return null;
                if (kind == LineKind.Bad)
                    return NotACapture(line);
            }
        }
        return lines.HasPartial && Classify(lines.TakePartial(), out _) == LineKind.Bad
            ? $"{_name} is not a frame capture: its only line is not a whole recorded frame."
            : null;
    }

    private string NotACapture(LineSplitter.Line line) =>
        $"{_name} is not a frame capture: its first line (from byte {line.Start:N0}) is not a recorded frame {{\"receivedAt\":…,\"frame\":…}}.";

    private IEnumerable<CapturedFrame> ReadPlain(SafeFileHandle file, CancellationToken cancellation)
    {
        var lines = new LineSplitter(MaxLineBytes);
        long offset = 0;
        long number = 0;
        int read;
        while ((read = RandomAccess.Read(file, _chunk, offset)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            offset += read;
            lines.Feed(_chunk.AsMemory(0, read));
            while (lines.TryTake(out var line))
            {
                number++;
                var kind = Classify(line, out var frame);
                if (kind == LineKind.Frame)
                    yield return frame;
                else if (kind == LineKind.Bad)
                    ReportBadLine($"line {number:N0} (at byte {line.Start:N0})", line);
            }
        }
        if (lines.HasPartial)
        {
            number++;
            var last = lines.TakePartial();
            var kind = Classify(last, out var frame);
            if (kind == LineKind.Frame)
                yield return frame; // whole: only its newline is missing
            else if (kind == LineKind.Bad)
                ReportDamage($"{_name}: the last line (line {number:N0}, from byte {last.Start:N0}) is cut: the file ends in the middle of a frame (a recording stopped while writing); its {last.Length:N0} bytes were dropped.");
        }
    }

    private IEnumerable<CapturedFrame> ReadGzip(SafeFileHandle file, CancellationToken cancellation)
    {
        // Members carry on each other's lines (gzip's rule: members concatenate) unless one broke off.
        var lines = new LineSplitter(MaxLineBytes);
        long position = 0;
        var member = 0;
        while (true)
        {
            cancellation.ThrowIfCancellationRequested();
            var header = GzipHeader.Read(file, position, out var dataStart);
            if (header == GzipHeader.Kind.End)
                break;
            if (header == GzipHeader.Kind.NotGzip)
            {
                var resume = FindMember(file, position + 1, cancellation);
                var dropped = Partial(lines);
                var end = resume >= 0 ? resume : RandomAccess.GetLength(file);
                ReportDamage(resume >= 0
                    ? $"{_name}: {end - position:N0} bytes at byte {position:N0} are not gzip data{dropped}; skipped to the next intact member at byte {resume:N0}."
                    : position == 0
                        ? $"{_name}: the file is not gzip data (no gzip member in its {end:N0} bytes); nothing to replay."
                        : $"{_name}: the last {end - position:N0} bytes, from byte {position:N0}, are not gzip data{dropped}; skipped.");
                if (resume < 0)
                    break;
                position = resume;
                continue;
            }
            member++;
            var tally = new MemberTally();
            long memberEnd, readTo;
            bool failed, reachedEnd;
            using (var decoder = new GzipMemberDecoder(file, dataStart))
            {
                foreach (var frame in Decode(decoder, lines, tally, lines.Offset, cancellation))
                    yield return frame;
                memberEnd = decoder.FindEnd();
                (readTo, failed, reachedEnd) = (decoder.ReadTo, decoder.Failed, decoder.ReachedEndOfFile);
            }
            if (memberEnd >= 0)
            {
                if (tally.BadLines > 0)
                    ReportBadLines(tally.BadLines, $"{_name}: {tally.BadLines:N0} line(s) of gzip member {member} (from byte {position:N0}) are not recorded frames, the first is its line {tally.FirstBadLine:N0}; skipped.");
                position = memberEnd;
                continue;
            }
            var next = FindMember(file, dataStart, cancellation);
            // Its deflate data ended where it should: what is wrong is the trailer (missing, or not this data's).
            var ended = !failed && !reachedEnd;
            if (!ended && next >= 0 && next <= readTo)
            {
                // The data ran into the next member: cut there (a recorder killed, then started again on the file). Decode
                // it again, stopping where the next member begins: the inflater that ran on loses what its failing step had
                // decoded, and lines after the last good one were made of the next member's bytes.
                lines.Reset();
                tally.BadLines = tally.BadLinesBeforeGoodEnd;
                using var again = new GzipMemberDecoder(file, dataStart, next);
                int read;
                for (var skip = tally.GoodEnd; skip > 0 && (read = again.Read(_chunk.AsSpan(0, (int)Math.Min(skip, _chunk.Length)))) > 0;)
                    skip -= read;
                foreach (var frame in Decode(again, lines, tally, lines.Offset - tally.GoodEnd, cancellation))
                    yield return frame;
            }
            ReportDamage(DescribeBrokenMember(member, position, next, tally, Partial(lines), readTo, failed, ended));
            if (next < 0)
                break;
            position = next;
        }
        if (lines.HasPartial)
        {
            var last = lines.TakePartial();
            var kind = Classify(last, out var frame);
            if (kind == LineKind.Frame)
                yield return frame;
            else if (kind == LineKind.Bad)
                ReportDamage($"{_name}: the data ends in the middle of a line (its last {last.Length:N0} bytes, after the last newline); dropped.");
        }
    }

    // Plays a member's frames as its data is decoded, counting its lines; memberBase is where its data starts in the
    // splitter's offsets.
    private IEnumerable<CapturedFrame> Decode(GzipMemberDecoder decoder, LineSplitter lines, MemberTally tally, long memberBase, CancellationToken cancellation)
    {
        int read;
        while ((read = decoder.Read(_decoded)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            lines.Feed(_decoded.AsMemory(0, read));
            while (lines.TryTake(out var line))
            {
                tally.Lines++;
                var kind = Classify(line, out var frame);
                if (kind == LineKind.Bad)
                {
                    if (tally.BadLines++ == 0)
                        tally.FirstBadLine = tally.Lines;
                    continue;
                }
                tally.GoodEnd = line.Start + line.Length + 1 - memberBase;
                tally.BadLinesBeforeGoodEnd = tally.BadLines;
                if (kind == LineKind.Frame)
                {
                    tally.Frames++;
                    yield return frame;
                }
            }
        }
    }

    private string DescribeBrokenMember(int member, long start, long next, MemberTally tally, string dropped, long readTo, bool failed, bool ended)
    {
        var recovered = $"{tally.Frames:N0} frame(s) recovered from it{dropped}{(tally.BadLines > 0 ? $", {tally.BadLines:N0} line(s) of damaged data skipped" : "")}";
        if (!ended && next >= 0 && next <= readTo)
            return $"{_name}: gzip member {member} (from byte {start:N0}) is cut at byte {next:N0}, where the next intact member begins: {recovered}; playing on from the next intact member at byte {next:N0}.";
        if (!ended && next < 0 && !failed)
            return $"{_name}: gzip member {member} (from byte {start:N0}) is cut at byte {readTo:N0}: the file ends before the member does (a recording stopped without closing it): {recovered}.";
        var what = failed
            ? $"damaged gzip data at or before byte {readTo:N0} (member {member}, from byte {start:N0}: its compressed data cannot be decoded there)"
            : $"damaged gzip data in member {member} (from byte {start:N0}: its trailer is missing or its CRC-32 and size do not match its data, so its frames may be damaged)";
        return next >= 0
            ? $"{_name}: {what}; {recovered}; skipped to the next intact member at byte {next:N0}."
            : $"{_name}: {what}; {recovered}; no intact member follows it.";
    }

    private static string Partial(LineSplitter lines)
    {
        if (!lines.HasPartial)
            return "";
        var partial = lines.TakePartial();
        lines.Reset();
        return $", a partial line of {partial.Length:N0} bytes dropped";
    }

    // The next offset at or after `from` where an intact member starts, or -1.
    private long FindMember(SafeFileHandle file, long from, CancellationToken cancellation)
    {
        var magic = GzipHeader.Magic;
        var block = new byte[64 * 1024];
        var length = RandomAccess.GetLength(file);
        for (var low = from; low + magic.Length <= length;)
        {
            cancellation.ThrowIfCancellationRequested();
            var read = GzipHeader.ReadFully(file, block, low);
            var span = block.AsSpan(0, read);
            var searched = 0;
            while (true)
            {
                var at = span[searched..].IndexOf(magic);
                if (at < 0)
                    break;
                var candidate = low + searched + at;
                if (StartsMember(file, candidate, cancellation, firstLineOnly: false))
                    return candidate;
                searched += at + 1;
            }
            if (read < block.Length)
                break;
            low += read - (magic.Length - 1);
        }
        return -1;
    }

    // A member starts at `at` if its header is one and its data decodes to a recorded frame first (or, unless
    // firstLineOnly, to a whole member whose trailer matches: a member that holds no frame, or a bad one first).
    private bool StartsMember(SafeFileHandle file, long at, CancellationToken cancellation, bool firstLineOnly)
    {
        if (GzipHeader.Read(file, at, out var dataStart) != GzipHeader.Kind.Member)
            return false;
        using var decoder = new GzipMemberDecoder(file, dataStart);
        var lines = new LineSplitter(MaxLineBytes);
        var chunk = new byte[16 * 1024];
        var first = true;
        int read;
        while ((read = decoder.Read(chunk)) > 0)
        {
            cancellation.ThrowIfCancellationRequested();
            if (!first)
                continue;
            lines.Feed(chunk.AsMemory(0, read));
            while (lines.TryTake(out var line))
            {
                var kind = Classify(line, out _);
                if (kind == LineKind.Empty)
                    continue;
                if (kind == LineKind.Frame)
                    return true;
                if (firstLineOnly)
                    return false;
                first = false;
                break;
            }
            if (first && decoder.Size > MaxLineBytes)
            {
                if (firstLineOnly)
                    return false;
                first = false;
            }
        }
        return !firstLineOnly && decoder.FindEnd() >= 0;
    }

    private LineKind Classify(LineSplitter.Line line, out CapturedFrame frame)
    {
        frame = default;
        if (line.TooLong)
            return LineKind.Bad;
        var bytes = line.Bytes.Span;
        if (bytes.IsEmpty || (bytes.Length == 1 && bytes[0] == (byte)'\r'))
            return LineKind.Empty;
        if (!CaptureLine.TryParse(bytes, ref _frame, out var receivedAt, out var length))
            return LineKind.Bad;
        frame = new CapturedFrame(receivedAt, _frame.AsMemory(0, length));
        return LineKind.Frame;
    }

    private void ReportBadLine(string where, LineSplitter.Line line) =>
        ReportBadLines(1, line.TooLong
            ? $"{_name}: {where} is longer than {MaxLineBytes / 1024 / 1024} MiB ({line.Length:N0} bytes): not a recorded frame; skipped."
            : $"{_name}: {where} is not a recorded frame; skipped.");

    private void ReportBadLines(long count, string message)
    {
        BadLines += count;
        if (++_badLineReports <= ReportedBadLines)
            _warn?.Invoke(message);
        else if (_badLineReports == ReportedBadLines + 1)
            _warn?.Invoke($"{_name}: more lines are not recorded frames; they are skipped and counted (the replay's end says how many), not reported one by one.");
    }

    private void ReportDamage(string message)
    {
        DamagedParts++;
        if (++_damageReports <= ReportedDamage)
            _warn?.Invoke(message);
        else if (_damageReports == ReportedDamage + 1)
            _warn?.Invoke($"{_name}: more parts are cut or damaged; they are skipped and counted (the replay's end says how many), not reported one by one.");
    }

    // What one gzip member gave.
    private sealed class MemberTally
    {
        public long Lines;
        public long Frames;
        public long BadLines;
        public long FirstBadLine;
        // Where in the member's data the last line that was a frame (or empty) ended, and the bad lines before it.
        public long GoodEnd;
        public long BadLinesBeforeGoodEnd;
    }
}
