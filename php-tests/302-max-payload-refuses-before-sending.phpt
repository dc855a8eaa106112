--TEST--
max_payload (default 16 MB, option and ini, 0 = unlimited): a larger event throws before anything is sent, names the size, the option and Redis' pubsub output buffer limit, and encoding stops at the limit
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--INI--
memory_limit=1G
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function hwm_mb(): float {
    preg_match('/^VmHWM:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m);
    return $m[1] / 1024;
}
$sub = new SioSub();
$e = sio_emitter();
// 17 MB in one string: over the default.
$t = sio_catch(fn() => $e->emit('ev', str_repeat('a', 17 << 20)));
echo sio_describe($t), "\n";
$msg = $t ? $t->getMessage() : '';
foreach (['16777216 bytes', "'max_payload'", 'socketio_emitter.max_payload', 'client-output-buffer-limit pubsub', '0 = unlimited'] as $needle) {
    echo $needle, ': ', str_contains($msg, $needle) ? 'named' : "MISSING in: $msg", "\n";
}
// Exactly at the limit is fine, one byte more is not (the envelope around 'x' strings).
$small = sio_emitter(['max_payload' => 1000]);
$fit = null;
for ($n = 900; $n < 1000; $n++) {
    if (sio_catch(fn() => $small->emit('ev', str_repeat('x', $n))) !== null) { $fit = $n - 1; break; }
}
echo "largest string sent under max_payload=1000: ", $fit !== null ? 'found' : 'none', "\n";
// ini, and 0 = unlimited.
ini_set('socketio_emitter.max_payload', '100');
echo 'ini 100: ', sio_describe(sio_catch(fn() => sio_emitter()->emit('ev', str_repeat('y', 200)))), "\n";
ini_set('socketio_emitter.max_payload', '0');
echo 'ini 0: ', sio_describe(sio_catch(fn() => sio_emitter()->emit('ev', str_repeat('y', 200)))), "\n";
ini_set('socketio_emitter.max_payload', '16777216');
echo 'serverSideEmit over 100: ', sio_describe(sio_catch(fn() => sio_emitter(['max_payload' => 100])->serverSideEmit('ev', str_repeat('s', 200)))), "\n";
echo 'serverSideEmit under 1000: ', sio_describe(sio_catch(fn() => sio_emitter(['max_payload' => 1000])->serverSideEmit('ev', str_repeat('s', 200)))), "\n";
echo 'bad option: ', sio_catch(fn() => sio_emitter(['max_payload' => -1]))?->getMessage(), "\n";
// Encoding stops at the limit: 300 strings of 1 MB (300 MB if encoded) cost about the limit, not 300 MB.
$chunk = str_repeat('z', 1 << 20);
$many = array_fill(0, 300, $chunk);   // 300 references to one PHP string: ~1 MB of PHP memory
$before = hwm_mb();
$start = microtime(true);
$t = sio_catch(fn() => $e->emit('ev', $many));
$growth = hwm_mb() - $before;
printf("300 x 1 MB: %s after %.3f s, VmHWM growth %.1f MB\n", sio_describe($t), microtime(true) - $start, $growth);
// Encoding it all would cost 300+ MB; stopping at 16 MB costs ~16-32 MB (more under valgrind, run-tests -m).
$bound = getenv('USE_ZEND_ALLOC') === '0' ? 150 : 40;
echo $growth < $bound ? "stopped near the limit\n" : "ENCODED FAR PAST THE LIMIT\n";
$msgs = $sub->collect();
$sizes = array_map(fn($m) => strlen($m['payload']), $msgs);
echo count($msgs) === ($fit - 900 + 1) + 1 ? 'only the events under the limits were published' : 'UNEXPECTED: ' . count($msgs), "\n";
echo 'largest published under max_payload=1000: ', max($sizes), " bytes\n";
?>
--EXPECTF--
SocketIO\Exception
16777216 bytes: named
'max_payload': named
socketio_emitter.max_payload: named
client-output-buffer-limit pubsub: named
0 = unlimited: named
largest string sent under max_payload=1000: found
ini 100: SocketIO\Exception
ini 0: no exception
serverSideEmit over 100: SocketIO\Exception
serverSideEmit under 1000: no exception
bad option: option 'max_payload' must be a whole number of bytes >= 0 (0 = unlimited)
300 x 1 MB: SocketIO\Exception after %f s, VmHWM growth %f MB
stopped near the limit
only the events under the limits were published
largest published under max_payload=1000: 1000 bytes
