<?php

return [
    'defaults' => ['guard' => 'web', 'passwords' => null],
    'guards' => [
        'web' => ['driver' => 'session', 'provider' => 'users'],
        // A second guard, for routes/channels.php's `ops` channel (guards => ['ops']).
        'ops' => ['driver' => 'session', 'provider' => 'users'],
    ],
    'providers' => [
        'users' => ['driver' => 'demo'], // App\Auth\DemoUserProvider: no database
    ],
];
