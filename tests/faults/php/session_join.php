<?php
// Check 17f: one SessionRooms call, argv[4] = join (store and live socketsJoin in one
// round trip) or leave (a store, then a live socketsLeave: two operations), against
// argv[1] with timeout argv[2] / read_timeout argv[3]. Prints {"ms":..,"exception":..}.
$e = new SocketIO\Emitter(['dsn' => $argv[1], 'timeout' => (float) $argv[2], 'read_timeout' => (float) $argv[3],
    'retry_interval' => 0]);
$rooms = new SocketIO\SessionRooms($e, ['secret' => str_repeat('s', 32)]);
$t = hrtime(true);
$x = null;
try {
    $method = $argv[4] ?? 'join';
    $rooms->$method('session-1', ['team:1']);
} catch (Throwable $t2) {
    $x = get_class($t2) . ': ' . $t2->getMessage();
}
echo json_encode(['ms' => (hrtime(true) - $t) / 1e6, 'exception' => $x]), "\n";
