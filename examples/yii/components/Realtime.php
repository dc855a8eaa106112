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
 */
class Realtime extends Component
{
    public ?string $dsn = null;       // null: php.ini socketio_emitter.dsn
    public string $prefix = 'socket.io';
    public string|false|null $secret = null; // null/false: ini socketio_emitter.session_secret
    public int $ttl = 86400;
    public string $onError = 'log'; // 'throw' | 'warn' | 'log' | 'silent'

    public Emitter $emitter;
    public SessionRooms $rooms;

    public function init(): void
    {
        parent::init();
        if (!extension_loaded('socketio_emitter')) {
            throw new InvalidConfigException('The socketio_emitter extension is not loaded.');
        }
        // on_error 'log': a Redis outage makes emits return false with one line per
        // outage in PHP's error log; a warning would become an exception in Yii.
        $this->emitter = new Emitter(array_filter(['dsn' => $this->dsn, 'prefix' => $this->prefix, 'on_error' => $this->onError]));
        $this->rooms = new SessionRooms($this->emitter, array_filter(['secret' => $this->secret, 'ttl' => $this->ttl]));
    }

    /** The rooms a user's browsers belong in; the decision stays in PHP. */
    public function joinFor($identity): void
    {
        $rooms = ['team:' . $identity->team_id];
        if ($identity->is_admin) {
            $rooms[] = 'admin';
        }
        $this->rooms->join(Yii::$app->session->id, $rooms);
    }

    public function forgetSession(): void
    {
        $session = Yii::$app->session;
        if ($session->getIsActive()) { // no session, no rooms to forget
            $this->rooms->forget($session->id, true);
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
            $this->rooms->leave($id, $room);
        }
    }
}
