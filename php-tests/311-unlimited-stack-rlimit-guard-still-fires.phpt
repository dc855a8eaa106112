--TEST--
Under `ulimit -s unlimited` (the system then reports the whole address-space gap below the main stack), an endless chain of JsonSerializable wrappers with memory_limit=-1 is refused with the C-stack SocketIO\Exception within seconds: the main stack is assumed to be 8 MiB, as PHP assumes
--SKIPIF--
<?php
if (!is_readable('/proc/self/maps')) die('skip needs /proc/self/maps to find the extension');
if (trim((string)shell_exec('sh -c "ulimit -s unlimited && ulimit -s" 2>/dev/null')) !== 'unlimited') die('skip the stack rlimit cannot be raised to unlimited here');
if (!is_executable('/usr/bin/timeout') && !is_executable('/bin/timeout')) die('skip needs timeout(1)');
?>
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// The extension this process loaded, for the child.
preg_match('~\s(/\S*socketio_emitter\S*\.so)$~m', file_get_contents('/proc/self/maps'), $m) or die("extension not found in /proc/self/maps\n");
$child = <<<'PHP'
final class Endless implements JsonSerializable { public function jsonSerialize(): mixed { return new Endless(); } }
try {
    (new SocketIO\Emitter($argv[1]))->emit('ev', new Endless());
    echo "sent\n";
} catch (SocketIO\Exception $e) {
    echo str_contains($e->getMessage(), 'C stack') ? "refused: C stack\n" : "refused: {$e->getMessage()}\n";
}
PHP;
$php = getenv('TEST_PHP_EXECUTABLE') ?: PHP_BINARY;
$cmd = 'ulimit -s unlimited && echo "stack: $(ulimit -s)" && exec timeout -s KILL 30 '
    . implode(' ', array_map('escapeshellarg', [$php, '-n', '-d', "extension={$m[1]}", '-d', 'memory_limit=-1', '-r', $child, sio_dsn()]));
$t = microtime(true);
$proc = proc_open(['sh', '-c', $cmd], [0 => ['file', '/dev/null', 'r'], 1 => ['pipe', 'w'], 2 => ['pipe', 'w']], $pipes);
$out = stream_get_contents($pipes[1]);
$err = stream_get_contents($pipes[2]);
$status = proc_close($proc);
$elapsed = microtime(true) - $t;
echo $out;
echo "exit status: $status\n";
printf("child took %.2f s\n", $elapsed);
echo $elapsed < 15 ? "within 15 s\n" : "TOO SLOW (stderr: " . trim($err) . ")\n";
?>
--EXPECTF--
stack: unlimited
refused: C stack
exit status: 0
child took %f s
within 15 s
