using System.Buffers.Binary;
using System.IO.Compression;
using Bitget.Stream.Channels;
using Microsoft.Win32.SafeHandles;

namespace Bitget.Stream.Recording;

/// <summary>
/// Decompresses the deflate data of one gzip member, from where its header ends, keeping the CRC-32 and size of what
/// came out and how far the compressed bytes were read. That finds and checks the member's trailer, and places damage:
/// GZipStream alone reads members one after another but cannot tell where one ended, skip a damaged one, or say where
/// it broke (a member cut by a crash and followed by another reads as "unsupported compression method").
/// </summary>
internal sealed class GzipMemberDecoder : IDisposable
{
    private readonly SafeFileHandle _file;
    private readonly Input _input;
    private readonly DeflateStream _inflate;
    private readonly System.IO.Hashing.Crc32 _crc = new();
    private long _size;

    /// <summary>
    /// Starts decoding at <paramref name="dataStart"/> (see <see cref="GzipHeader.Read"/>), reading no further than
    /// <paramref name="end"/> when given (where the next member begins: a member cut there then ends quietly, with
    /// everything decoded before the cut; run into the next member's bytes, the inflater fails and the output of its last
    /// step is lost).
    /// </summary>
    public GzipMemberDecoder(SafeFileHandle file, long dataStart, long end = long.MaxValue)
    {
        _file = file;
        DataStart = dataStart;
        _input = new Input(file, dataStart, end);
        _inflate = new DeflateStream(_input, CompressionMode.Decompress);
    }

    /// <summary>Where the member's deflate data begins.</summary>
    public long DataStart { get; }

    /// <summary>How far the compressed bytes were read: damage found is at or before this offset.</summary>
    public long ReadTo => _input.Position;

    /// <summary>The data could not be decoded (damaged, or another member's bytes where this one was cut).</summary>
    public bool Failed { get; private set; }

    /// <summary>The file (or the given end) was reached while the member was read.</summary>
    public bool ReachedEndOfFile => _input.AtEnd;

    /// <summary>Decompressed bytes so far.</summary>
    public long Size => _size;

    /// <summary>Decompressed bytes into <paramref name="buffer"/>; 0 once the member's data ended, broke off or failed to decode.</summary>
    public int Read(Span<byte> buffer)
    {
        if (Failed)
            return 0;
        int read;
        try
        {
            read = _inflate.Read(buffer);
        }
        catch (InvalidDataException)
        {
            Failed = true;
            return 0;
        }
        _crc.Append(buffer[..read]);
        _size += read;
        return read;
    }

    /// <summary>
    /// Once <see cref="Read"/> returned 0: the offset just past the member (its 8-byte trailer, CRC-32 and size of the
    /// data, found and matching), or -1 when the data did not end there or the trailer is missing or does not match.
    /// </summary>
    public long FindEnd()
    {
        if (Failed || ReachedEndOfFile)
            return -1;
        Span<byte> trailer = stackalloc byte[8];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, _crc.GetCurrentHashAsUInt32());
        BinaryPrimitives.WriteUInt32LittleEndian(trailer[4..], (uint)_size);
        // The data ends at or before ReadTo (the inflater read every byte of it), so the trailer starts there or earlier;
        // look back from there, a block at a time (blocks overlap by 7 bytes so a trailer across two is seen).
        var block = new byte[64 * 1024];
        var high = Math.Min(ReadTo + trailer.Length, RandomAccess.GetLength(_file));
        while (high - DataStart >= trailer.Length)
        {
            var low = Math.Max(DataStart, high - block.Length);
            var read = GzipHeader.ReadFully(_file, block.AsSpan(0, (int)(high - low)), low);
            var at = block.AsSpan(0, read).LastIndexOf(trailer);
            if (at >= 0)
                return low + at + trailer.Length;
            if (low == DataStart)
                break;
            high = low + trailer.Length - 1;
        }
        return -1;
    }

    /// <inheritdoc />
    public void Dispose() => _inflate.Dispose();

    // The file from an offset on, handed to the inflater at most Step bytes at a time: how far it has read then places
    // the point where the data broke off within Step bytes.
    private sealed class Input(SafeFileHandle file, long start, long end) : System.IO.Stream
    {
        private const int Step = 256;
        private readonly byte[] _block = new byte[64 * 1024];
        private long _blockStart = start;
        private int _blockLength;
        private long _position = start;

        public bool AtEnd { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => _position;
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (buffer.IsEmpty)
                return 0;
            if (_position >= _blockStart + _blockLength)
            {
                _blockStart = _position;
                _blockLength = _position >= end ? 0 : RandomAccess.Read(file, _block.AsSpan(0, (int)Math.Min(_block.Length, end - _position)), _position);
                if (_blockLength == 0)
                {
                    AtEnd = true;
                    return 0;
                }
            }
            var count = (int)Math.Min(Math.Min(buffer.Length, Step), _blockStart + _blockLength - _position);
            _block.AsSpan((int)(_position - _blockStart), count).CopyTo(buffer);
            _position += count;
            return count;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
