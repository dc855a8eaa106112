<?php

namespace App\Providers;

use App\Broadcasting\SocketIoBroadcaster;
use Illuminate\Auth\Events\Logout;
use Illuminate\Support\Facades\Broadcast;
use Illuminate\Support\Facades\Event;
use Illuminate\Support\ServiceProvider;
use SocketIO\Emitter;
use SocketIO\SessionRooms;

/**
 * Registers the 'socketio' broadcast driver. config/broadcasting.php:
 *
 *   'default' => env('BROADCAST_CONNECTION', 'socketio'),
 *   'connections' => [
 *       'socketio' => [
 *           'driver' => 'socketio',
 *           'dsn' => env('SOCKETIO_REDIS_DSN', 'redis://127.0.0.1:6379'),
 *           'prefix' => env('SOCKETIO_PREFIX', 'socket.io'),
 *           'secret' => env('SOCKETIO_SESSION_SECRET'), // the Node server's SESSION_SECRET
 *       ],
 *   ],
 *
 * and in the page: io(url, { auth: { sessionId: @json(App\Broadcasting\SocketIoBroadcaster::realtimeId(request())) } }).
 */
class SocketIoServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        Broadcast::extend('socketio', function ($app, array $config) {
            $emitter = new Emitter(array_filter([
                'dsn' => $config['dsn'] ?? null,
                'prefix' => $config['prefix'] ?? null,
                // A Redis outage: emits return false, one line per outage in PHP's
                // error log; never a warning (Laravel turns warnings into exceptions).
                'on_error' => $config['on_error'] ?? 'log',
            ]));

            return new SocketIoBroadcaster($emitter, new SessionRooms($emitter, array_filter([
                'secret' => $config['secret'] ?? null,
            ])));
        });

        Event::listen(Logout::class, function () {
            $broadcaster = Broadcast::driver('socketio');
            if ($broadcaster instanceof SocketIoBroadcaster) {
                $broadcaster->forget(request());
            }
        });
    }
}
