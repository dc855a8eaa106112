<?php

namespace App\Broadcasting;

use Illuminate\Broadcasting\BroadcastException;
use Illuminate\Broadcasting\Broadcasters\Broadcaster;
use Illuminate\Broadcasting\Broadcasters\UsePusherChannelConventions;
use Illuminate\Support\Str;
use SocketIO\Emitter;
use SocketIO\Exception as SocketIOException;
use SocketIO\SessionRooms;
use Symfony\Component\HttpKernel\Exception\AccessDeniedHttpException;

/**
 * A Laravel broadcaster straight into Socket.IO rooms (Node servers with
 * @socket.io/redis-adapter and the examples/node session-rooms middleware).
 *
 * - broadcast(): channels are rooms; ONE emit to all of them, so a browser in
 *   several of the channels gets the event once. toOthers() excepts the sender's
 *   socket (X-Socket-ID = the socket.io id, which is also a room).
 * - auth() (POST /broadcasting/auth, channel_name=private-team.1): the callbacks
 *   of routes/channels.php decide, as with every Laravel broadcaster; when
 *   they allow it, the session's sockets join the room now and on every
 *   reconnect. There is no client-side subscribe: rooms are decided here.
 *
 * The browser identifies itself with a random per-login id kept in the
 * session (realtimeId()), passed as auth.sessionId: Laravel's session cookie
 * is encrypted, so the Node server could not read it, and the real session id
 * should never reach page JavaScript.
 */
class SocketIoBroadcaster extends Broadcaster
{
    use UsePusherChannelConventions;

    public function __construct(private Emitter $emitter, private SessionRooms $rooms)
    {
    }

    public function auth($request)
    {
        $channel = (string) $request->channel_name;
        if ($this->isGuardedChannel($channel) && !$this->retrieveUser($request, $channel)) {
            throw new AccessDeniedHttpException();
        }

        return $this->verifyUserCanAccessChannel($request, $this->normalizeChannelName($channel));
    }

    public function validAuthenticationResponse($request, $result)
    {
        $this->rooms->join(self::realtimeId($request), (string) $request->channel_name);

        return ['channel' => $request->channel_name, 'channel_data' => is_array($result) ? $result : null];
    }

    public function broadcast(array $channels, $event, array $payload = [])
    {
        if (!$channels) {
            return; // nothing to send (to([]) targets nobody too; this skips encoding the payload)
        }
        $socket = $payload['socket'] ?? null;
        unset($payload['socket']);
        $to = $this->emitter->to($this->formatChannels($channels));
        if (is_string($socket) && $socket !== '') {
            $to = $to->except($socket);
        }
        try {
            $to->emit($event, $payload);
        } catch (SocketIOException $e) {
            throw new BroadcastException('Socket.IO broadcast failed: ' . $e->getMessage(), 0, $e);
        }
    }

    /** At logout (see the provider): rooms forgotten, this session's sockets closed. */
    public function forget($request): void
    {
        if ($request->hasSession() && $request->session()->has('realtime_id')) {
            $this->rooms->forget($request->session()->pull('realtime_id'), true);
        }
    }

    /** The id the page hands to the Node server (`auth: { sessionId }`), created on first use. */
    public static function realtimeId($request): string
    {
        $session = $request->session();
        if (!$session->has('realtime_id')) {
            $session->put('realtime_id', Str::random(40));
        }

        return $session->get('realtime_id');
    }
}
