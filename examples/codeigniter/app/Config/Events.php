<?php

namespace Config;

use CodeIgniter\Events\Events;

// Merge into your app/Config/Events.php. CodeIgniter Shield triggers `login`
// (with the user) and `logout`; without Shield, trigger them yourself, as
// App\Controllers\Posts does. The user needs `team` (int) and `is_admin`.
Events::on('login', static function ($user): void {
    $rooms = ['team:' . (int) $user->team];
    if (!empty($user->is_admin)) {
        $rooms[] = 'admin';
    }
    service('socketio')->login(session_id(), $rooms);
});

// Before the session is destroyed: its sockets are closed at once.
Events::on('logout', static function (): void {
    if (session_status() === PHP_SESSION_ACTIVE) {
        service('socketio')->logout(session_id());
    }
});
