<?php
// The part of a Yii 2 basic-template config/console.php: console commands and
// queue workers (yii queue/listen) do not read config/web.php, so they need
// their own `realtime` entry to emit. No session there: no secret needed.
return [
    'id' => 'teams-console',
    'basePath' => dirname(__DIR__),
    'controllerNamespace' => 'app\commands',
    'components' => [
        'realtime' => [
            'class' => 'app\components\Realtime',
            'dsn' => getenv('SOCKETIO_REDIS_DSN') ?: 'redis://127.0.0.1:6379',
            'prefix' => 'socket.io',
        ],
    ],
];
