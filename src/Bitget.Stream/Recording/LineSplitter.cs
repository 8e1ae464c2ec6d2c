namespace Bitget.Stream.Recording;

/// <summary>
/// Cuts a byte stream, fed in chunks, into lines ending in <c>\n</c>, with each line's offset in the stream. A line
/// longer than its bound is not kept: it comes out marked <see cref="Line.TooLong"/> (so a file without newlines
/// cannot fill memory).
/// </summary>
internal sealed class LineSplitter(int maxLineBytes)
{
    private ReadOnlyMemory<byte> _chunk;
    private long _offset;
    private byte[] _pending = new byte[4096];
    private int _pendingLength;
    private long _partialStart;
    private long _partialLength;
    private bool _hasPartial;

    /// <summary>A line: its bytes without the newline (valid until the next call), where it starts, how long it is.</summary>
    public readonly record struct Line(ReadOnlyMemory<byte> Bytes, long Start, long Length, bool TooLong);

    /// <summary>Bytes fed and taken so far (once a chunk's lines are all taken).</summary>
    public long Offset => _offset;

    /// <summary>A line has begun that no newline has ended yet.</summary>
    public bool HasPartial => _hasPartial;

    /// <summary>Hands on the next chunk; take its lines with <see cref="TryTake"/> before feeding another.</summary>
    public void Feed(ReadOnlyMemory<byte> chunk) => _chunk = chunk;

    /// <summary>The next complete line of what was fed, if any.</summary>
    public bool TryTake(out Line line)
    {
        line = default;
        if (_chunk.IsEmpty)
            return false;
        var end = _chunk.Span.IndexOf((byte)'\n');
        if (end < 0)
        {
            Keep(_chunk);
            _offset += _chunk.Length;
            _chunk = default;
            return false;
        }
        var piece = _chunk[..end];
        var start = _offset;
        _chunk = _chunk[(end + 1)..];
        _offset += end + 1;
        if (!_hasPartial)
        {
            line = new Line(piece, start, piece.Length, TooLong: false);
            return true;
        }
        Keep(piece);
        line = TakePartial();
        return true;
    }

    /// <summary>The line begun and not ended (at the end of the stream); afterwards there is none.</summary>
    public Line TakePartial()
    {
        var tooLong = _partialLength > _pendingLength;
        var line = new Line(tooLong ? default : _pending.AsMemory(0, _pendingLength), _partialStart, _partialLength, tooLong);
        _hasPartial = false;
        _pendingLength = 0;
        _partialLength = 0;
        return line;
    }

    /// <summary>Forgets the line begun (its stream broke off); the next byte fed starts a line.</summary>
    public void Reset()
    {
        _hasPartial = false;
        _pendingLength = 0;
        _partialLength = 0;
        _chunk = default;
    }

    private void Keep(ReadOnlyMemory<byte> piece)
    {
        if (!_hasPartial)
        {
            _hasPartial = true;
            _partialStart = _offset;
        }
        var tooLong = _partialLength > _pendingLength;
        _partialLength += piece.Length;
        if (tooLong)
            return;
        if (_partialLength > maxLineBytes)
        {
            // Past the bound: only its length is kept from here on.
            _pendingLength = 0;
            return;
        }
        if (_pending.Length < _partialLength)
            Array.Resize(ref _pending, (int)Math.Max(_partialLength, Math.Min((long)_pending.Length * 2, maxLineBytes)));
        piece.Span.CopyTo(_pending.AsSpan(_pendingLength));
        _pendingLength += piece.Length;
    }
}
