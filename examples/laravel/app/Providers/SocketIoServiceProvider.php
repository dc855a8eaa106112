<?php

namespace App\Providers;

use App\Broadcasting\SocketIoBroadcaster;
use Illuminate\Auth\Events\Logout;
use Illuminate\Broadcasting\BroadcastManager;
use Illuminate\Support\Facades\Event;
use Illuminate\Support\ServiceProvider;
use SocketIO\Emitter;
use SocketIO\SessionRooms;

/**
 * Registers the `socketio` broadcast driver. config/broadcasting.php:
 *
 *   'default' => env('BROADCAST_DRIVER', 'socketio'),        // Laravel 8–10
 *   // 'default' => env('BROADCAST_CONNECTION', 'socketio'), // Laravel 11+
 *   'connections' => [
 *       'socketio' => [
 *           'driver' => 'socketio',
 *           'dsn' => env('SOCKETIO_REDIS_DSN', 'redis://127.0.0.1:6379'),
 *           'prefix' => env('SOCKETIO_PREFIX', 'socket.io'),  // the adapter's key
 *           'on_error' => 'log',    // default: a Redis outage never turns a page into a 500
 *           'timeout' => 0.5, 'read_timeout' => 0.5,           // seconds
 *           // any other SocketIO\Emitter option: password, retry_interval, deferred, tls_*
 *           'session_secret' => env('SOCKETIO_SESSION_SECRET'), // optional: logout closes sockets
 *       ],
 *   ],
 *
 * The driver is added when the BroadcastManager is first resolved, so this
 * provider may be listed anywhere in config/app.php (before or after a
 * provider whose boot() loads routes/channels.php). Adding it in boot()
 * instead fails with "Driver [socketio] is not supported." whenever
 * channels.php is loaded first.
 */
class SocketIoServiceProvider extends ServiceProvider
{
    public function register(): void
    {
        $extend = static function (BroadcastManager $manager): void {
            $manager->extend('socketio', static fn ($app, array $config) => self::broadcaster($config));
        };
        if ($this->app->resolved(BroadcastManager::class)) {
            $extend($this->app->make(BroadcastManager::class));
        } else {
            $this->app->afterResolving(BroadcastManager::class, $extend);
        }
    }

    public function boot(): void
    {
        Event::listen(Logout::class, function () {
            $broadcaster = $this->app->make(BroadcastManager::class)->connection();
            if ($broadcaster instanceof SocketIoBroadcaster) {
                $broadcaster->forget($this->app->make('request'));
            }
        });
    }

    /** The connection's config → Emitter options (unknown keys are refused by the extension, by name). */
    public static function broadcaster(array $config): SocketIoBroadcaster
    {
        $secret = $config['session_secret'] ?? null;
        $options = array_filter(
            array_diff_key($config, ['driver' => true, 'session_secret' => true]),
            static fn ($v) => $v !== null && $v !== ''
        );
        // A Redis outage: emits return false, one line per outage in PHP's error
        // log; never an exception or a warning (Laravel turns warnings into 500s).
        $options += ['on_error' => 'log'];
        $emitter = new Emitter($options);
        $rooms = is_string($secret) && $secret !== ''
            ? static fn () => new SessionRooms($emitter, ['secret' => $secret])
            : null;

        return new SocketIoBroadcaster($emitter, $rooms);
    }
}
