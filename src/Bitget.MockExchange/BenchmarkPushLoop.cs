using System.Diagnostics;

namespace Bitget.MockExchange;

/// <summary>
/// The benchmark push modes of one connection, kept out of the ordinary mock's path: frames encoded once
/// (<see cref="PreEncodedFrames"/>) written straight to the socket's transport, back to back (<see cref="MockExchangeOptions.FloodFrames"/>)
/// or at <see cref="MockExchangeOptions.FramesPerSecond"/>, either in bursts (every <see cref="MockExchangeOptions.BurstIntervalMs"/>,
/// all frames due in one write) or evenly (one frame every 1/rate s, from a dedicated thread that sleeps, then spins to
/// each deadline: timers alone are 1 ms coarse and late under load). Driven by the connection's send loop.
/// </summary>
internal sealed class BenchmarkPushLoop(MockBitgetExchange exchange, TapStream tap, PushBudget budget, Action abort)
{
    private const int FloodBatchBytes = 64 * 1024; // flood: frames per socket write, at most (one frame always goes)
    private static readonly long MillisecondTicks = Stopwatch.Frequency / 1000;
    private static readonly long IdleTicks = Stopwatch.Frequency / 20; // even: the thread pushes; the send loop re-reads options

    private readonly List<ReadOnlyMemory<byte>> _slices = [];

    // The ring, rebuilt when the connection's topics change; the even thread picks up a new one itself.
    private PreEncodedFrames? _ring;
    private int _ringVersion = -1;
    private int _next;

    // Bursts: the schedule (frames due since _rateStart at _rate a second) and the next write.
    private int _rate;
    private long _rateStart;
    private long _rateSent;
    private long _nextBurst;

    // Even: the pacing thread.
    private Thread? _evenThread;
    private volatile bool _evenStop;
    private TaskCompletionSource? _evenDone;

    /// <summary>True when the options ask for a benchmark push mode.</summary>
    public static bool IsOn(MockExchangeOptions options) => options.FloodFrames || options.FramesPerSecond > 0;

    /// <summary>
    /// One pass: writes the frames due (or makes sure the even thread runs). Returns the ticks the send loop may wait before
    /// the next pass (0 = at once), or -1 when the connection is being dropped (DropAfterPushes).
    /// </summary>
    public async ValueTask<long> PushAsync(MockExchangeOptions options, IReadOnlyList<PushTopic> topics, int topicsVersion, CancellationToken ct)
    {
        if (_ring is null || _ringVersion != topicsVersion)
        {
            Volatile.Write(ref _ring, Build(options, topics));
            _ringVersion = topicsVersion;
            _next = 0;
        }

        var even = !options.FloodFrames && options.PushPattern == PushPattern.Even;
        if (even)
        {
            _rate = 0; // bursts, later, start counting afresh
            StartEven(ct);
            return IdleTicks;
        }

        await StopEvenAsync().ConfigureAwait(false);
        if (options.FloodFrames)
        {
            _rate = 0;
            return await FloodAsync(ct).ConfigureAwait(false);
        }

        return await BurstAsync(options, ct).ConfigureAwait(false);
    }

    /// <summary>Stops the even thread, if it runs; a later pass starts counting the rate afresh.</summary>
    public Task StopAsync()
    {
        _rate = 0;
        return StopEvenAsync();
    }

    private async Task StopEvenAsync()
    {
        if (_evenThread is null)
        {
            return;
        }

        _evenStop = true;
        await _evenDone!.Task.WaitAsync(TimeSpan.FromSeconds(5)).ConfigureAwait(false);
        _evenThread = null;
    }

    private PreEncodedFrames Build(MockExchangeOptions options, IReadOnlyList<PushTopic> topics)
    {
        var overrides = exchange.OverridesSnapshot;
        var list = topics.Select(t =>
        {
            TickerGenerator.Overrides? o = null;
            overrides?.TryGetValue(t.OverrideKey, out o);
            return (t.Topic, o);
        }).ToList();
        var nowMs = PushClock.NowMs(options.ClockOffset);
        var dataMs = nowMs - Math.Max(0, options.DataTimestampLagMs);
        var envelopeMs = options.EnvelopeTimestamp == EnvelopeTimestampMode.SameAsData ? dataMs : Math.Max(nowMs, dataMs + 1);
        return PreEncodedFrames.Build(list, dataMs, envelopeMs);
    }

    /// <summary>Flood: one batch of up to 64 KB of frames, then back to the send loop (control items, option changes).</summary>
    private async ValueTask<long> FloodAsync(CancellationToken ct)
    {
        var ring = _ring!;
        var count = (int)budget.Take(ring.Count);
        if (count == 0)
        {
            return -1;
        }

        var first = ring.FramesFitting(_next, FloodBatchBytes, count);
        _slices.Clear();
        _slices.Add(ring.Slice(_next, first));
        _next = (_next + first) % ring.Count;
        var written = first;
        if (_next == 0 && count > first)
        {
            // Fill the rest of the batch from the start of the ring.
            var room = FloodBatchBytes - _slices[0].Length;
            var more = ring.FramesFitting(0, room, count - first);
            if (ring.Slice(0, more).Length <= room)
            {
                _slices.Add(ring.Slice(0, more));
                _next = more % ring.Count;
                written += more;
            }
        }

        await tap.WriteFramesAsync(_slices, ct).ConfigureAwait(false);
        budget.Count(written);
        return 0;
    }

    /// <summary>Bursts: every BurstIntervalMs, all frames due by the rate's schedule in one write.</summary>
    private async ValueTask<long> BurstAsync(MockExchangeOptions options, CancellationToken ct)
    {
        var now = Stopwatch.GetTimestamp();
        var rate = options.FramesPerSecond;
        var burstTicks = Math.Max(1, options.BurstIntervalMs) * MillisecondTicks;
        if (rate != _rate)
        {
            _rate = rate;
            _rateStart = now;
            _rateSent = 0;
            _nextBurst = now + burstTicks;
        }

        if (now < _nextBurst)
        {
            return _nextBurst - now; // woken early (a control item): keep the bursts regular
        }

        _nextBurst = Math.Max(_nextBurst + burstTicks, now + (burstTicks / 2));
        var due = Due(now, rate, ref _rateSent, _rateStart);
        if (due > 0)
        {
            var count = budget.Take(due);
            if (count == 0)
            {
                return -1;
            }

            var ring = _ring!;
            _slices.Clear();
            for (var left = count; left > 0;)
            {
                var n = (int)Math.Min(left, ring.Count - _next);
                _slices.Add(ring.Slice(_next, n));
                _next = (_next + n) % ring.Count;
                left -= n;
            }

            await tap.WriteFramesAsync(_slices, ct).ConfigureAwait(false);
            budget.Count(count);
            _rateSent += count;
        }

        return Math.Max(1, _nextBurst - Stopwatch.GetTimestamp());
    }

    /// <summary>
    /// Frames due at <paramref name="now"/> by the schedule; over 100 ms behind (a client that does not read, a starved loop)
    /// the deficit is skipped, not sent as one big burst.
    /// </summary>
    private static long Due(long now, int rate, ref long sent, long start)
    {
        var due = (long)((Int128)(now - start) * rate / Stopwatch.Frequency) - sent;
        var maxBacklog = Math.Max(1, rate / 10);
        if (due > maxBacklog)
        {
            sent += due - maxBacklog;
            due = maxBacklog;
        }

        return due;
    }

    private void StartEven(CancellationToken ct)
    {
        if (_evenThread is not null)
        {
            return;
        }

        _evenStop = false;
        _evenDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _evenThread = new Thread(() => EvenLoop(_evenDone, ct)) { IsBackground = true, Name = "mock even push" };
        _evenThread.Start();
    }

    /// <summary>The even pattern's thread: one frame at each deadline start + k/rate, slept to about 1.5 ms before, then spun.</summary>
    private void EvenLoop(TaskCompletionSource done, CancellationToken ct)
    {
        var sleepTicks = Stopwatch.Frequency * 3 / 2000; // Thread.Sleep(1) takes 1 to 1.1 ms on Linux
        var frame = new List<ReadOnlyMemory<byte>> { ReadOnlyMemory<byte>.Empty };
        PreEncodedFrames? ring = null;
        var next = 0;
        var rate = 0;
        long start = 0;
        long sent = 0;
        try
        {
            while (!_evenStop && !ct.IsCancellationRequested)
            {
                var current = Volatile.Read(ref _ring);
                if (!ReferenceEquals(current, ring))
                {
                    ring = current;
                    next = 0;
                }

                var options = exchange.Options;
                if (ring is null || options.FramesPerSecond <= 0)
                {
                    Thread.Sleep(1);
                    continue;
                }

                if (options.FramesPerSecond != rate)
                {
                    rate = options.FramesPerSecond;
                    start = Stopwatch.GetTimestamp();
                    sent = 0;
                }

                // Rounded up, so that the schedule counts the frame as due at its deadline.
                var deadline = start + (long)(((Int128)(sent + 1) * Stopwatch.Frequency + rate - 1) / rate);
                if (deadline - Stopwatch.GetTimestamp() > sleepTicks)
                {
                    Thread.Sleep(1);
                    continue;
                }

                while (Stopwatch.GetTimestamp() < deadline)
                {
                    Thread.SpinWait(20);
                }

                if (Due(Stopwatch.GetTimestamp(), rate, ref sent, start) <= 0)
                {
                    continue;
                }

                if (budget.Take(1) == 0)
                {
                    return;
                }

                frame[0] = ring.Slice(next, 1);
                next = (next + 1) % ring.Count;
                tap.WriteFramesAsync(frame, ct).AsTask().GetAwaiter().GetResult();
                budget.Count(1);
                sent++;
            }
        }
        catch (Exception) when (!ct.IsCancellationRequested)
        {
            abort(); // the socket failed: the connection is over
        }
        catch (Exception)
        {
            // The connection is ending.
        }
        finally
        {
            done.TrySetResult();
        }
    }
}
