<?php
// Check 18: emits in a loop for argv[2] seconds while the suite sends SIGUSR1
// to this process every millisecond. PHP's own handler runs (async signals),
// as in an app using pcntl. Prints one JSON line: emits, failures, messages.
// argv: dsn seconds
pcntl_async_signals(true);
$signals = 0;
pcntl_signal(SIGUSR1, function () use (&$signals) { $signals++; });
$e = new SocketIO\Emitter(['dsn' => $argv[1], 'timeout' => 1, 'read_timeout' => 1, 'retry_interval' => 0]);
$e->emit('sig', 'warm-up');
echo json_encode(['ready' => getmypid()]), "\n";
fflush(STDOUT);
fgets(STDIN); // the suite starts signalling, then says go
$until = microtime(true) + (float) $argv[2];
$emits = 0;
$failures = [];
while (microtime(true) < $until) {
    $id = 's' . $emits++;
    try {
        $e->emit('sig', $id);
    } catch (SocketIO\Exception $x) {
        $failures[] = [$id, $x->getMessage()];
    }
}
echo json_encode(['emits' => $emits, 'failures' => $failures, 'signals' => $signals]), "\n";
