<?php

namespace app\components;

use SocketIO\Emitter;
use SocketIO\SessionRooms;
use Yii;
use yii\base\Component;
use yii\base\InvalidConfigException;

/**
 * Real-time pushes for Yii 2: one SocketIO\Emitter per worker (the extension
 * keeps its Redis connection across requests) and the session→rooms helper.
 *
 *   Yii::$app->realtime->toTeam(1, 'post', $post);       // team 1 + admins, one emit
 *   Yii::$app->realtime->emitter->to('team:1')->emit(…); // anything else
 *
 * Console commands and queue workers (yii queue/listen) read config/console.php,
 * not config/web.php: add the same `realtime` entry there (without the `user`
 * hooks). Emitting needs no session secret; only joinFor()/forgetSession() do.
 */
class Realtime extends Component
{
    public ?string $dsn = null;       // null: php.ini socketio_emitter.dsn
    public string $prefix = 'socket.io';
    public string|false|null $secret = null; // null/false: ini socketio_emitter.session_secret
    public int $ttl = 86400;
    public string $onError = 'log'; // 'throw' | 'warn' | 'log' | 'silent'

    public Emitter $emitter;
    private ?SessionRooms $rooms = null;

    public function init(): void
    {
        parent::init();
        if (!extension_loaded('socketio_emitter')) {
            throw new InvalidConfigException('The socketio_emitter extension is not loaded.');
        }
        // on_error 'log': a Redis outage makes emits return false with one line per
        // outage in PHP's error log; a warning would become an exception in Yii.
        $this->emitter = new Emitter(array_filter(['dsn' => $this->dsn, 'prefix' => $this->prefix, 'on_error' => $this->onError]));
    }

    /** `$realtime->rooms`, built on first use: emit-only use (console commands, queue workers) needs no session secret. */
    public function getRooms(): SessionRooms
    {
        return $this->rooms ??= new SessionRooms($this->emitter, array_filter(['secret' => $this->secret, 'ttl' => $this->ttl]));
    }

    /** The rooms a user's browsers belong in; the decision stays in PHP. */
    public function joinFor($identity): void
    {
        $rooms = ['team:' . $identity->team_id];
        if ($identity->is_admin) {
            $rooms[] = 'admin';
        }
        $this->getRooms()->join(Yii::$app->session->id, $rooms);
    }

    public function forgetSession(): void
    {
        $session = Yii::$app->session;
        if ($session->getIsActive()) { // no session, no rooms to forget
            $this->getRooms()->forget($session->id, true);
        }
    }

    public function toTeam(int $team, string $event, array $data): void
    {
        $this->emitter->to(['team:' . $team, 'admin'])->emit($event, $data);
    }

    /** Takes open sessions (ids your app recorded at login) out of a room at once. */
    public function removeFromRoom(array $sessionIds, string $room): void
    {
        foreach ($sessionIds as $id) {
            $this->getRooms()->leave($id, $room);
        }
    }
}
