<?php

// A minimal Laravel 8 application on Debian's php-laravel-framework (no
// Composer): its autoloader, plus App\ → app/. With a Composer install, use
// vendor/autoload.php instead (it is picked when present).
$base = dirname(__DIR__);
if (is_file($base . '/vendor/autoload.php')) {
    require $base . '/vendor/autoload.php';
} else {
    require '/usr/share/php/Illuminate/autoload.php';
    spl_autoload_register(static function (string $class) use ($base): void {
        if (str_starts_with($class, 'App\\')) {
            $file = $base . '/app/' . str_replace('\\', '/', substr($class, 4)) . '.php';
            if (is_file($file)) {
                require $file;
            }
        }
    });
}

$app = new Illuminate\Foundation\Application($base);
// Writable state (sessions, logs, compiled files) outside the source tree when asked.
// (bootstrap/cache is kept in the source tree otherwise, as in any Laravel app.)
if (getenv('APP_STORAGE')) {
    $app->useStoragePath(getenv('APP_STORAGE'));
    foreach (['SERVICES', 'PACKAGES', 'CONFIG', 'ROUTES', 'EVENTS'] as $cache) {
        putenv('APP_' . $cache . '_CACHE=' . getenv('APP_STORAGE') . '/' . strtolower($cache) . '.php');
    }
}
$app->singleton(Illuminate\Contracts\Http\Kernel::class, App\Http\Kernel::class);
$app->singleton(Illuminate\Contracts\Console\Kernel::class, App\Console\Kernel::class);
$app->singleton(Illuminate\Contracts\Debug\ExceptionHandler::class, App\Exceptions\Handler::class);

return $app;
