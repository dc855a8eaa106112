<?php

namespace App\Libraries;

use Config\SocketIO as SocketIOConfig;
use SocketIO\Emitter;
use SocketIO\SessionRooms;

/**
 * Real-time pushes for CodeIgniter 4: service('socketio') (app/Config/Services.php).
 *
 *   service('socketio')->toTeam(1, 'post', $post);           // team 1 + admins, one emit
 *   service('socketio')->emitter()->to('room')->emit('e', $x); // anything else
 *
 * Session rooms (login()/logout(), wired in app/Config/Events.php) need
 * Config\SocketIO::$sessionSecret; plain emits do not.
 */
class Realtime
{
    private Emitter $emitter;
    private ?SessionRooms $rooms = null;

    public function __construct(private SocketIOConfig $config)
    {
        $this->emitter = new Emitter(array_filter([
            'dsn' => $config->dsn,
            'prefix' => $config->prefix,
            'on_error' => $config->onError,
            'timeout' => $config->timeout,
            'read_timeout' => $config->timeout,
        ], static fn ($v) => $v !== null && $v !== ''));
    }

    public function emitter(): Emitter
    {
        return $this->emitter;
    }

    /** One emit to the team's room and the admins' room: a browser in both gets it once. */
    public function toTeam(int $team, string $event, array $data): bool
    {
        return $this->emitter->to(['team:' . $team, 'admin'])->emit($event, $data);
    }

    /** At login, after session()->regenerate(): this session's sockets join the user's rooms. */
    public function login(string $sessionId, array $rooms): void
    {
        $this->rooms()->join($sessionId, $rooms);
    }

    /** At logout, before session()->destroy(): rooms forgotten, this session's sockets closed. */
    public function logout(string $sessionId): void
    {
        $this->rooms()->forget($sessionId, true);
    }

    /** Built on first use, so that emit-only apps need no session secret. */
    private function rooms(): SessionRooms
    {
        return $this->rooms ??= new SessionRooms($this->emitter, array_filter([
            'secret' => $this->config->sessionSecret,
            'ttl' => $this->config->ttl,
        ]));
    }
}
