--TEST--
A 64 MB string costs at most about one more payload of process memory (VmHWM) to emit: no buffer doubling, no copy into a command buffer
--SKIPIF--
<?php if (!is_readable('/proc/self/status')) die('skip needs /proc/self/status'); ?>
--INI--
memory_limit=512M
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function hwm_mb(): float {
    preg_match('/^VmHWM:\s+(\d+) kB/m', file_get_contents('/proc/self/status'), $m);
    return $m[1] / 1024;
}
$size = 64 << 20;
$e = sio_emitter(['max_payload' => 0]);
$e->emit('warm-up', 'x');                 // connection open, scratch buffers at their usual size
$data = str_repeat('a', $size);           // PHP's own copy, counted before we start
$before = hwm_mb();
$n = $e->emit('big', $data);
$growth = hwm_mb() - $before;
printf("emit returned %s; VmHWM growth %.1f MB for a %d MB payload\n", var_export($n, true), $growth, $size >> 20);
// One encode buffer is 64 MB; allow 1.35 payloads for allocator slack. Two copies would be >= 128 MB.
// Under valgrind (the .phpt suite runs again under memcheck) the buffer also
// has memcheck's shadow of it, 2 bits a byte: a quarter more (two copies: >= 160 MB).
$memcheck = str_contains((string) file_get_contents('/proc/self/maps'), 'vgpreload_memcheck');
$allowed = (1.35 + ($memcheck ? 0.25 : 0.0)) * ($size >> 20);
echo $growth <= $allowed ? "at most one extra copy\n" : "TOO MUCH MEMORY (allowed $allowed MB)\n";
?>
--EXPECTF--
emit returned 0; VmHWM growth %f MB for a 64 MB payload
at most one extra copy
