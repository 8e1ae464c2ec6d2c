using System.Collections.Concurrent;
using Bitget.Stream.Credentials;
using Bitget.Stream.Parsing;
using Bitget.Stream.Protocol;

namespace Bitget.Stream.Session;

/// <summary>
/// Logs every new connection of a private session in before its subscriptions are replayed: sends the signed login and
/// waits (bounded) for the answer. An authentication error ends the session with what to do about it; a connection that
/// does not answer in time is replaced like any failed one.
/// </summary>
internal sealed class LoginHook(BitgetCredentials credentials, ISessionLifecycle session, TimeProvider clock, TimeSpan ackTimeout)
    : IConnectionHook
{
    private readonly ConcurrentDictionary<BitgetConnection, TaskCompletionSource> _pending = new();

    private static readonly TimeSpan ClosedGrace = TimeSpan.FromSeconds(1);

    /// <summary>Logins acknowledged (one per connection that got through).</summary>
    public int Logins;

    public async Task OnOpenedAsync(BitgetConnection connection, CancellationToken cancellation)
    {
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[connection] = answer;
        try
        {
            var seconds = clock.GetUtcNow().ToUnixTimeSeconds();
            connection.Enqueue(LoginSigner.BuildLogin(credentials, seconds));
            var closed = connection.Closed;
            var done = await Task.WhenAny(answer.Task, closed, Task.Delay(ackTimeout, clock, cancellation)).ConfigureAwait(false);
            cancellation.ThrowIfCancellationRequested();
            if (done == answer.Task)
            {
                await answer.Task.ConfigureAwait(false); // throws the fatal error of a refused login
                Interlocked.Increment(ref Logins);
                return;
            }
            if (done == closed)
            {
                // Bitget answers a refused login with an error, then closes: the close may be seen before the error is
                // handed over, so the answer gets a moment to arrive.
                try
                {
                    await answer.Task.WaitAsync(ClosedGrace, clock, cancellation).ConfigureAwait(false);
                    Interlocked.Increment(ref Logins);
                    return;
                }
                catch (TimeoutException)
                {
                }
                throw new IOException($"The connection closed before the login was answered ({ServerText.Escape(await closed.ConfigureAwait(false), 1000)}).");
            }
            throw new TimeoutException($"No answer to the login within {ackTimeout.TotalSeconds:0} s.");
        }
        finally
        {
            _pending.TryRemove(connection, out _);
        }
    }

    public void OnEvent(BitgetConnection connection, in BitgetFrame frame)
    {
        if (frame.Kind == BitgetFrameKind.Login)
        {
            if (_pending.TryGetValue(connection, out var waiting))
            {
                if (frame.Code is null or 0)
                    waiting.TrySetResult();
                else
                    waiting.TrySetException(Fatal(frame.Code.Value, frame.Message));
            }
            return;
        }
        if (frame.Kind != BitgetFrameKind.Error || frame.Code is not { } code || !LoginErrors.IsAuthentication(code))
            return;
        if (_pending.TryGetValue(connection, out var pending))
        {
            pending.TrySetException(Fatal(code, frame.Message));
            return;
        }
        // Refused after a login went through (the server forgot it): reconnecting would repeat the refusal forever.
        var error = Fatal(code, frame.Message);
        _ = Task.Run(() => session.End(Models.BitgetSessionState.Failed, error.Message, error));
    }

    private static BitgetSessionFatalException Fatal(int code, string? message) =>
        new(LoginErrors.Describe(code, message), new BitgetServerException(code, message, null, null, null, "login"));
}
