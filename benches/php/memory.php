<?php
// Measurement 4: RSS (VmRSS) and memory_get_usage() before and after N emits.
// php memory.php <port> <variant ours|ours-deferred> <emits> <max seconds>
require __DIR__ . '/lib.php';

$port = (int) arg(1);
$variant = arg(2);
$count = (int) arg(3);
$maxSeconds = (float) arg(4);
$payload = small_payload();
$e = ours($port, $variant === 'ours-deferred');
$fn = function () use ($e, $payload) { $e->to('room1')->emit('post', $payload); };
timed($fn, 10, 1000, 1000); // warm-up: connection, buffers, allocator pools
gc_collect_cycles();
$rss0 = rss_kb();
$mem0 = memory_get_usage();
$real0 = memory_get_usage(true);
[$n, $secs] = timed($fn, $maxSeconds, $count, 1000, $count);
gc_collect_cycles();
$rss1 = rss_kb();
$mem1 = memory_get_usage();
$stats = SocketIO\Emitter::stats();
if ($stats['failures'] !== 0) {
    throw new RuntimeException('failures: ' . json_encode($stats));
}
out(['m' => 'memory', 'variant' => $variant, 'n' => $n, 'secs' => $secs, 'rss_before_kb' => $rss0, 'rss_after_kb' => $rss1,
     'rss_growth_kb' => $rss1 - $rss0, 'mem_before' => $mem0, 'mem_after' => $mem1, 'mem_growth' => $mem1 - $mem0,
     'real_before' => $real0, 'real_after' => memory_get_usage(true), 'emits' => $stats['emits']]);
