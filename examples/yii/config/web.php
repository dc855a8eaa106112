<?php
// The part of a Yii 2 basic-template config/web.php that wires real-time pushes.
// Yii::$app->realtime is then a shared component; see components/Realtime.php.
// The Node server (examples/node/server.js) runs with SESSION_COOKIE set to the
// session's name ('PHPSESSID' here, Yii's default; the advanced template uses
// 'advanced-frontend'). Not '_identity': that cookie is the remember-me login,
// signed but not a session, and must never reach another server.
return [
    'id' => 'teams',
    'basePath' => dirname(__DIR__),
    'components' => [
        'realtime' => [
            'class' => 'app\components\Realtime',
            'dsn' => getenv('SOCKETIO_REDIS_DSN') ?: 'redis://127.0.0.1:6379',
            'prefix' => 'socket.io',
            'secret' => getenv('SOCKETIO_SESSION_SECRET'), // same as the Node server's SESSION_SECRET
        ],
        'session' => ['name' => 'PHPSESSID'],
        'user' => [
            'identityClass' => 'app\models\User',
            // yii\web\User regenerates the session id before afterLogin: the rooms go to the new id.
            'on afterLogin' => static fn ($event) => Yii::$app->realtime->joinFor($event->identity),
            'on beforeLogout' => static fn () => Yii::$app->realtime->forgetSession(),
        ],
    ],
];
