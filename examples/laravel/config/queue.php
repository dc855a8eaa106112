<?php

return [
    // sync: a queued job (and a ShouldBroadcast event) runs at dispatch. With a
    // real queue the worker is a console process: it uses the same
    // config/broadcasting.php, so nothing else is needed.
    'default' => env('QUEUE_CONNECTION', 'sync'),
    'connections' => ['sync' => ['driver' => 'sync']],
    'failed' => ['driver' => 'null'],
];
