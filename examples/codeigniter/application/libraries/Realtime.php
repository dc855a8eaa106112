<?php
defined('BASEPATH') or exit('No direct script access allowed');

/**
 * Real-time pushes for CodeIgniter 3 (CodeIgniter 4: examples/codeigniter/app/,
 * a namespaced library behind service('socketio')).
 *
 * PHP owns the session, so PHP decides the rooms: login() puts this session's
 * sockets in the user's rooms (now, and at every reconnect), toTeam() sends a
 * post to a team and the admins in ONE emit (an admin in that team gets it
 * once), logout() forgets the rooms and closes the session's sockets.
 * Room names and Redis keys carry a keyed hash of the session id, never the id.
 */
class Realtime
{
    private SocketIO\Emitter $emitter;
    private ?SocketIO\SessionRooms $rooms = null;
    private array $config;

    public function __construct(array $config = [])
    {
        // on_error 'log': a Redis outage makes emits return false and writes one
        // line to PHP's error log per outage; never a warning, which CodeIgniter 4
        // turns into an exception (a 500 page for a live-update hiccup).
        $this->emitter = new SocketIO\Emitter(array_filter([
            'dsn' => $config['dsn'] ?? null,
            'on_error' => $config['on_error'] ?? 'log',
        ]));
        $this->config = $config;
        $this->followRegeneratedId();
    }

    /** Built on first use: emit-only pages need no session secret. */
    private function rooms(): SocketIO\SessionRooms
    {
        return $this->rooms ??= new SocketIO\SessionRooms($this->emitter, array_filter([
            'secret' => $this->config['secret'] ?? null,
            'ttl' => $this->config['ttl'] ?? null,
        ]));
    }

    /** At login: the rooms of this user (e.g. ['team:1'] or ['team:1', 'admin']). */
    public function login(array $rooms): void
    {
        $this->rooms()->join(session_id(), $rooms);
        $_SESSION['realtime_sid'] = session_id();
    }

    /** At logout, before sess_destroy(): no room left, sockets closed. */
    public function logout(): void
    {
        $this->rooms()->forget(session_id(), true);
        unset($_SESSION['realtime_sid']);
    }

    /** One emit to the team's room and the admins' room. */
    public function toTeam(int $team, string $event, array $data): void
    {
        $this->emitter->to(['team:' . $team, 'admin'])->emit($event, $data);
    }

    /** Admin side: takes a user's open sessions (ids your app recorded at login) out of a room, live. */
    public function removeFromRoom(array $sessionIds, string $room): void
    {
        foreach ($sessionIds as $sessionId) {
            $this->rooms()->leave($sessionId, $room);
        }
    }

    /**
     * CodeIgniter 3 regenerates the session id every sess_time_to_update
     * seconds, which changes the session's room. Copy the stored rooms to the
     * new id and move the sockets already connected into the new session room;
     * the old entry expires with its TTL (forgetting it would make those
     * sockets leave their rooms).
     */
    private function followRegeneratedId(): void
    {
        $old = $_SESSION['realtime_sid'] ?? null;
        if ($old === null || $old === session_id()) {
            return;
        }
        if ($rooms = $this->rooms()->rooms($old)) {
            $this->rooms()->join(session_id(), $rooms);
        }
        $this->emitter->in($this->rooms()->roomOf($old))->socketsJoin($this->rooms()->roomOf(session_id()));
        $_SESSION['realtime_sid'] = session_id();
    }
}
