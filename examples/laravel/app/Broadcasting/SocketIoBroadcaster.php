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
 * Laravel's broadcaster for Laravel Echo's socket.io connector, through the
 * Socket.IO Redis adapter (examples/node/echo-server.js, or attachEcho() in
 * your own Socket.IO 4 server).
 *
 * - broadcast(): what Echo listens for, as laravel-echo-server delivered it:
 *   to the room named after the channel ("private-team.1"), the event name as
 *   Laravel gives it (the class name or broadcastAs()), arguments
 *   (channel, payload). toOthers() excepts the sender's socket (X-Socket-ID:
 *   a socket id is also a room). One emit per channel: Echo's listener checks
 *   the channel argument, so each channel needs its own packet.
 * - auth() (POST /broadcasting/auth, called by the Node server with the
 *   socket's cookies when Echo subscribes): routes/channels.php decides, with
 *   the channel's own `guards` option honoured.
 * - Redis failures: with on_error 'log' (the provider's default) emit()
 *   returns false and PHP's error log gets one line per outage; with
 *   'throw' a BroadcastException is raised, which Laravel reports.
 */
class SocketIoBroadcaster extends Broadcaster
{
    use UsePusherChannelConventions;

    /** @var \Closure(): SessionRooms|null built on first use: plain broadcasts need no session secret */
    private $sessionRooms;

    public function __construct(private Emitter $emitter, ?\Closure $sessionRooms = null)
    {
        $this->sessionRooms = $sessionRooms;
    }

    public function auth($request)
    {
        $channel = (string) $request->channel_name;
        // Normalised ("private-team.1" → "team.1") before the guard lookup:
        // Broadcast::channel()'s options are keyed by the pattern without prefix.
        $normalized = $this->normalizeChannelName($channel);
        if ($channel === '' || ($this->isGuardedChannel($channel) && !$this->retrieveUser($request, $normalized))) {
            throw new AccessDeniedHttpException();
        }

        return $this->verifyUserCanAccessChannel($request, $normalized);
    }

    /** What the Node server reads: presence channels get {user_id, user_info}. */
    public function validAuthenticationResponse($request, $result)
    {
        $channel = (string) $request->channel_name;
        if (!str_starts_with($channel, 'presence-')) {
            return ['channel' => $channel];
        }
        $user = $this->retrieveUser($request, $this->normalizeChannelName($channel));
        $id = method_exists($user, 'getAuthIdentifierForBroadcasting')
            ? $user->getAuthIdentifierForBroadcasting()
            : $user->getAuthIdentifier();

        return ['channel' => $channel, 'channel_data' => ['user_id' => $id, 'user_info' => $result]];
    }

    public function broadcast(array $channels, $event, array $payload = [])
    {
        $socket = $payload['socket'] ?? null;
        unset($payload['socket']);
        $base = is_string($socket) && $socket !== '' ? $this->emitter->except($socket) : $this->emitter;
        foreach ($this->formatChannels($channels) as $channel) {
            try {
                // false = Redis failed and on_error is 'log'/'warn'/'silent':
                // already reported by the extension; the page goes on.
                $base->to($channel)->emit($event, $channel, $payload);
            } catch (SocketIOException $e) {
                throw new BroadcastException('Socket.IO broadcast failed: ' . $e->getMessage(), 0, $e);
            }
        }
    }

    /**
     * At logout (see the provider), when a session secret is configured and the
     * Node server also uses examples/node/session-rooms.js: the session's rooms
     * are forgotten and its sockets closed.
     */
    public function forget($request): void
    {
        if ($this->sessionRooms !== null && $request->hasSession() && $request->session()->has('realtime_id')) {
            ($this->sessionRooms)()->forget($request->session()->pull('realtime_id'), true);
        }
    }

    /** The id the page hands to session-rooms.js (`auth: { sessionId }`), created on first use. */
    public static function realtimeId($request): string
    {
        $session = $request->session();
        if (!$session->has('realtime_id')) {
            $session->put('realtime_id', Str::random(40));
        }

        return $session->get('realtime_id');
    }
}
