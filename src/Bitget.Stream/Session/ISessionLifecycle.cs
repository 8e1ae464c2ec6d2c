using Bitget.Stream.Models;

namespace Bitget.Stream.Session;

/// <summary>What a session's parts tell the session about its life.</summary>
internal interface ISessionLifecycle
{
    /// <summary>Whether any connection of the session ever opened.</summary>
    bool EverConnected { get; }

    /// <summary>A connection opened.</summary>
    void OnConnected();

    /// <summary>Connections changed: recompute Connected/Reconnecting.</summary>
    void UpdateState();

    /// <summary>Ends the session (once), completing every feed.</summary>
    void End(BitgetSessionState state, string reason, Exception? error = null);
}
