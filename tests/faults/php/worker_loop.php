<?php
// Check 19: a worker-mode runtime (FrankenPHP worker, RoadRunner) never ends
// the request: deferred emits in one endless "request". Prints one JSON line
// with the resident set size after a warm-up and at the end.
// argv: dsn count
function rss_kb(): int {
    preg_match('/^VmRSS:\s+(\d+)/m', (string) file_get_contents('/proc/self/status'), $m);
    return (int) ($m[1] ?? 0);
}
$e = new SocketIO\Emitter(['dsn' => $argv[1], 'deferred' => true]);
$count = (int) $argv[2];
$warm = intdiv($count, 20);
$false = 0;
$t = microtime(true);
for ($i = 0; $i < $count; $i++) {
    if ($i === $warm) {
        $rss0 = rss_kb();
        $mem0 = memory_get_usage();
    }
    if ($e->to('job:' . ($i % 100))->emit('job', ['n' => $i, 'payload' => 'x']) !== true) {
        $false++;
    }
}
$rss1 = rss_kb();
$flush = SocketIO\Emitter::flush();
$stats = SocketIO\Emitter::stats();
echo json_encode(['emits' => $count, 'false' => $false, 'seconds' => microtime(true) - $t, 'rss_warm_kb' => $rss0,
    'rss_end_kb' => $rss1, 'mem_growth' => memory_get_usage() - $mem0, 'flush' => $flush, 'stats' => $stats]), "\n";
