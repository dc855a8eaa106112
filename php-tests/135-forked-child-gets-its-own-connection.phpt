--TEST--
After fork (php-fpm style) the child opens its own connection; parent and child emit concurrently without errors, and the child's exit does not break the parent's connection
--SKIPIF--
<?php if (!function_exists('pcntl_fork')) die('skip pcntl needed to fork');
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$admin = new RespClient();
$sub = new SioSub();
$e->emit('ev', 'parent-before');          // parent connection now open
$before = sio_total_connections($admin);
$pid = pcntl_fork();
if ($pid === 0) {
    $ok = 0;
    for ($i = 0; $i < 50; $i++) {
        try { if ($e->emit('ev', "child-$i") >= 1) { $ok++; } } catch (Throwable $t) {}
    }
    exit($ok === 50 ? 0 : 1);
}
$ok = 0;
for ($i = 0; $i < 50; $i++) {
    try { if ($e->emit('ev', "parent-$i") >= 1) { $ok++; } } catch (Throwable $t) { echo 'parent error: ', get_class($t), "\n"; }
}
pcntl_waitpid($pid, $status);
echo 'child ok: ', var_export(pcntl_wifexited($status) && pcntl_wexitstatus($status) === 0, true), "\n";
echo 'parent ok: ', $ok, "\n";
usleep(100000);
echo 'parent after child exit: ', sio_describe(sio_catch(fn() => $e->emit('ev', 'parent-after'))), "\n";
echo 'new connections: ', sio_total_connections($admin) - $before, "\n";
$count = ['parent' => 0, 'child' => 0];
foreach ($sub->collect() as $m) {
    $arg = mp_decode($m['payload'])->items[1]->pairs[1][1]->items[1]->s;
    $count[str_starts_with($arg, 'child') ? 'child' : 'parent']++;
}
print_r($count);
?>
--EXPECT--
child ok: true
parent ok: 50
parent after child exit: no exception
new connections: 1
Array
(
    [parent] => 52
    [child] => 50
)
