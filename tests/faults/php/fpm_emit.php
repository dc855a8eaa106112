<?php
// One FastCGI request = one emit of a unique id to the php.ini DSN.
// Body: "ok <subscribers> <pid> <ms>" or "failed <pid> <ms> <class>: <message>",
// <ms> being the time emit() took, measured with hrtime.
$id = (string)($_GET['id'] ?? '');
$start = hrtime(true);
try {
    $r = (new SocketIO\Emitter())->emit('t', $id);
    $ms = sprintf('%.3f', (hrtime(true) - $start) / 1e6);
    if (is_int($r)) {
        echo "ok $r ", getmypid(), " $ms";
    } else {
        echo 'failed ', getmypid(), " $ms emit returned ", get_debug_type($r);
    }
} catch (Throwable $t) {
    $ms = sprintf('%.3f', (hrtime(true) - $start) / 1e6);
    echo 'failed ', getmypid(), " $ms ", get_class($t), ': ', $t->getMessage();
}
