<?php
// Check 20: a framework-like page (warnings become exceptions, so an escaping
// one is a 500) that emits once with the php.ini settings (on_error = log).
// Body: "<ret> <emit ms> <pid>" where <ret> is the emit() result as JSON.
set_error_handler(function (int $no, string $msg, string $file = '', int $line = 0) {
    throw new ErrorException($msg, 0, $no, $file, $line);
});
$start = hrtime(true);
$r = (new SocketIO\Emitter())->emit('t', (string) ($_GET['id'] ?? ''));
printf('%s %.3f %d', json_encode($r), (hrtime(true) - $start) / 1e6, getmypid());
