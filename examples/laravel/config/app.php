<?php

return [
    'name' => 'socketio-laravel-demo',
    'env' => env('APP_ENV', 'production'),
    'debug' => (bool) env('APP_DEBUG', false),
    'url' => env('APP_URL', 'http://127.0.0.1:8000'),
    'timezone' => 'UTC',
    'locale' => 'en',
    'fallback_locale' => 'en',
    // php -r 'echo "base64:", base64_encode(random_bytes(32)), "\n";'
    'key' => env('APP_KEY'),
    'cipher' => 'AES-256-CBC',
    'providers' => [
        Illuminate\Auth\AuthServiceProvider::class,
        Illuminate\Broadcasting\BroadcastServiceProvider::class,
        Illuminate\Bus\BusServiceProvider::class,
        Illuminate\Cookie\CookieServiceProvider::class,
        Illuminate\Encryption\EncryptionServiceProvider::class,
        Illuminate\Filesystem\FilesystemServiceProvider::class,
        Illuminate\Foundation\Providers\FoundationServiceProvider::class,
        Illuminate\Queue\QueueServiceProvider::class,
        Illuminate\Session\SessionServiceProvider::class,
        Illuminate\View\ViewServiceProvider::class,
        // Listed BEFORE the socketio provider on purpose: its boot() loads
        // routes/channels.php, which resolves the broadcaster (the order that
        // used to give "Driver [socketio] is not supported.").
        App\Providers\AppServiceProvider::class,
        App\Providers\SocketIoServiceProvider::class,
    ],
    'aliases' => [],
];
