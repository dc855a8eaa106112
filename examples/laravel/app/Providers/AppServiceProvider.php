<?php

namespace App\Providers;

use App\Auth\DemoUserProvider;
use Illuminate\Support\Facades\Auth;
use Illuminate\Support\Facades\Broadcast;
use Illuminate\Support\Facades\Route;
use Illuminate\Support\ServiceProvider;

/** Routes, channels and the demo's user provider (Laravel's Route/Broadcast/Auth providers in one). */
class AppServiceProvider extends ServiceProvider
{
    public function boot(): void
    {
        Auth::provider('demo', fn () => new DemoUserProvider());
        // POST /broadcasting/auth, called by the Node server (echo.js) with the
        // browser's cookies when Echo subscribes to a private/presence channel.
        Broadcast::routes();
        require base_path('routes/channels.php');
        Route::middleware('web')->group(base_path('routes/web.php'));
    }
}
