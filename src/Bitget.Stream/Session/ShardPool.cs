using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>
/// A session's shards: which carries each topic (the first with room, at most
/// <see cref="BitgetSessionOptions.MaxTopicsPerConnection"/> topics each), and the start and stop of their supervisors.
/// A shard that carries no topic holds no connection: Bitget cuts such connections after 30 s. Every running shard
/// holds one of the process's connection slots (<see cref="ExchangeLimits"/>). A shard is stopped in two steps: under
/// the lock it is taken out of service (its stop source leaves the shard, so every later decision sees it stopped), and
/// after the lock its supervisor is cancelled: cancelling runs the supervisor's continuations inline, which can close a
/// socket (a blocking send to a stalled peer), and nobody who needs the pool may wait for that.
/// </summary>
internal sealed class ShardPool(BitgetSessionOptions options, SubscriptionRegistry registry, Func<ConnectionShard, CancellationToken, Task> supervise)
{
    private readonly List<ConnectionShard> _shards = [];
    private bool _open = true;

    /// <summary>Guards the shards' fields.</summary>
    public object Gate { get; } = new();

    /// <summary>Whether shards are started as topics arrive (after the session's start).</summary>
    public bool Started { get; private set; }

    /// <summary>Starts the first shard and those that got topics before the start: all of them, or none.</summary>
    /// <exception cref="BitgetConnectionLimitException">
    /// They would take the process past the connections Bitget allows; nothing was started and the pool can be started again.
    /// </exception>
    public void Start(CancellationToken sessionStop)
    {
        lock (Gate)
        {
            if (_shards.Count == 0)
                _shards.Add(new ConnectionShard(0));
            var counts = registry.CountByShard();
            var toStart = _shards.Where(shard => shard.Index == 0 || counts.ContainsKey(shard.Index)).ToList();
            if (!options.Limits!.TryReserveConnections(toStart.Count))
                throw Refusal(counts.Values.Sum(), toStart.Count, toStart.Count);
            Started = true;
            foreach (var shard in toStart)
                StartShard(shard, sessionStop);
        }
    }

    /// <summary>
    /// Puts each topic on the first shard with room, starting shards as needed; returns the topics by shard. The
    /// connections it needs are checked first, and taken all at once: a request that does not fit changes nothing.
    /// </summary>
    /// <exception cref="BitgetConnectionLimitException">
    /// The shards needed would take the process past the connections Bitget allows; no topic was placed and no shard started.
    /// </exception>
    public List<(ConnectionShard Shard, List<BitgetTopic> Topics)> Assign(List<BitgetTopic> topics, CancellationToken sessionStop)
    {
        lock (Gate)
        {
            // First the plan, with nothing changed: which shard each topic goes to.
            var counts = registry.CountByShard();
            var placed = new List<(BitgetTopic Topic, int Index, bool New)>(topics.Count);
            foreach (var topic in topics)
            {
                var index = registry.ShardOf(topic);
                var isNew = index < 0 || index >= _shards.Count;
                if (isNew)
                {
                    index = 0;
                    while (counts.GetValueOrDefault(index) >= options.MaxTopicsPerConnection)
                        index++;
                    counts[index] = counts.GetValueOrDefault(index) + 1;
                }
                placed.Add((topic, index, isNew));
            }

            // Then the connections it needs: taken now when the pool runs; before the start, Start takes them (the first
            // shard and every shard with a topic), and a plan that could not be started is refused already.
            var used = placed.Select(p => p.Index).Distinct().ToList();
            var toStart = Started && _open ? used.Where(i => i >= _shards.Count || !_shards[i].IsActive).ToList() : [];
            if (toStart.Count > 0 && !options.Limits!.TryReserveConnections(toStart.Count))
                throw Refusal(topics.Count, ActiveCountUnderGate() + toStart.Count, toStart.Count);
            if (!Started)
            {
                var atStart = counts.Keys.Append(0).Distinct().Count();
                if (!options.Limits!.Fits(atStart))
                    throw Refusal(topics.Count, atStart, atStart);
            }

            // It fits: carry it out.
            var groups = new Dictionary<int, List<BitgetTopic>>();
            foreach (var (topic, index, isNew) in placed)
            {
                if (isNew)
                    registry.Assign(topic, index);
                while (_shards.Count <= index)
                    _shards.Add(new ConnectionShard(_shards.Count));
                if (!groups.TryGetValue(index, out var list))
                    groups[index] = list = [];
                list.Add(topic);
            }
            foreach (var index in toStart)
                StartShard(_shards[index], sessionStop);
            return groups.Select(g => (_shards[g.Key], g.Value)).ToList();
        }
    }

    // Under Gate.
    private int ActiveCountUnderGate() => _shards.Count(s => s.IsActive);

    private BitgetConnectionLimitException Refusal(int topicCount, int needed, int toOpen) =>
        new(topicCount, needed, toOpen, options.Limits!.Connections, options.Limits.MaxConnections, options.MaxTopicsPerConnection);

    // Under Gate, with a connection slot already taken for the shard (released when its supervisor ends).
    private void StartShard(ConnectionShard shard, CancellationToken sessionStop)
    {
        shard.Stop?.Dispose();
        shard.Stop = CancellationTokenSource.CreateLinkedTokenSource(sessionStop);
        var token = shard.Stop.Token;
        shard.Supervisor = Task.Run(async () =>
        {
            try
            {
                await supervise(shard, token).ConfigureAwait(false);
            }
            finally
            {
                options.Limits!.ReleaseConnection();
            }
        });
    }

    /// <summary>
    /// Topics were released or refused: stops the supervisors of shards (other than the first) left with no topic, and
    /// tells the first shard's supervisor that it is empty (it closes its connection after a grace period).
    /// </summary>
    public void StopIdleShards()
    {
        List<CancellationTokenSource>? stops = null;
        lock (Gate)
        {
            var counts = registry.CountByShard();
            foreach (var shard in _shards)
            {
                if (counts.ContainsKey(shard.Index))
                    continue;
                if (shard.Index != 0 && shard.IsActive)
                    (stops ??= []).Add(TakeStop(shard));
                // Its continuations run asynchronously: nothing runs here under the lock.
                shard.Emptied?.TrySetResult();
                shard.Emptied = null;
            }
        }
        if (stops is not null)
        {
            foreach (var stop in stops)
                Cancel(stop);
        }
    }

    /// <summary>Completes when the shard carries no topic: at once if it carries none now.</summary>
    public Task WhenEmpty(ConnectionShard shard)
    {
        lock (Gate)
        {
            if (!CarriesTopics(shard))
                return Task.CompletedTask;
            shard.Emptied ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return shard.Emptied.Task;
        }
    }

    /// <summary>Under <see cref="Gate"/>: whether the shard carries any live topic.</summary>
    public bool CarriesTopics(ConnectionShard shard) => registry.AnyOnShard(shard.Index);

    /// <summary>
    /// From a shard's supervisor, not under <see cref="Gate"/>: stops the shard if it still carries no topic (an
    /// assignment racing with this starts it again); true when it was stopped.
    /// </summary>
    public bool StopIfIdle(ConnectionShard shard)
    {
        CancellationTokenSource stop;
        lock (Gate)
        {
            if (CarriesTopics(shard) || shard.Stop is null)
                return false;
            stop = TakeStop(shard);
            // Opened again by the next subscription, that connection is no reconnect.
            shard.EverConnected = false;
        }
        Cancel(stop);
        return true;
    }

    // Under Gate: takes the shard out of service (not active from here on; a new assignment starts it afresh). The caller
    // owns the stop source and cancels it after releasing the lock.
    private static CancellationTokenSource TakeStop(ConnectionShard shard)
    {
        var stop = shard.Stop!;
        shard.Stop = null;
        return stop;
    }

    // Not under Gate: the supervisor's continuations run here. Disposed right after: every callback has run by then.
    private static void Cancel(CancellationTokenSource stop)
    {
        try
        {
            stop.Cancel();
        }
        finally
        {
            stop.Dispose();
        }
    }

    /// <summary>The live connection of a shard; null while it is not connected or the pool is closed.</summary>
    public BitgetConnection? ConnectionOf(int index)
    {
        lock (Gate)
            return _open && index >= 0 && index < _shards.Count ? _shards[index].Connection : null;
    }

    /// <summary>Whether every shard the session counts on has a connection.</summary>
    public bool AllConnected
    {
        get
        {
            lock (Gate)
                return _shards.All(shard => !shard.IsActive || shard.Connection is not null);
        }
    }

    /// <summary>Since when every active shard has been connected; null while any is down.</summary>
    public DateTimeOffset? ConnectedSince
    {
        get
        {
            lock (Gate)
            {
                long latest = 0;
                foreach (var shard in _shards)
                {
                    if (!shard.IsActive)
                        continue;
                    if (shard.Connection is null)
                        return null;
                    latest = Math.Max(latest, shard.ConnectedSinceTicks);
                }
                return SessionCounters.TicksToTime(latest);
            }
        }
    }

    /// <summary>The shards holding a connection open or trying to (tests and diagnostics).</summary>
    public List<int> ActiveIndexes()
    {
        lock (Gate)
            return _shards.Where(shard => shard.IsActive).Select(shard => shard.Index).ToList();
    }

    /// <summary>Shards holding a connection open or trying to.</summary>
    public int ActiveCount
    {
        get
        {
            lock (Gate)
                return ActiveCountUnderGate();
        }
    }

    /// <summary>Closes the pool: no shard starts any more; returns the supervisors still running.</summary>
    public List<Task> Close()
    {
        lock (Gate)
        {
            _open = false;
            return _shards.Where(s => s.Supervisor is not null).Select(s => s.Supervisor!).ToList();
        }
    }

    /// <summary>The live connections (for closing them when the session ends).</summary>
    public List<BitgetConnection> TakeConnections()
    {
        lock (Gate)
        {
            var connections = _shards.Where(s => s.Connection is not null).Select(s => s.Connection!).ToList();
            foreach (var shard in _shards)
            {
                shard.Connection = null;
                shard.ConnectedSinceTicks = 0;
            }
            return connections;
        }
    }
}
