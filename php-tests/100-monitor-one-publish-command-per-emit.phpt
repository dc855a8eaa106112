--TEST--
Redis MONITOR sees exactly one PUBLISH command per emit (no per-room publishes, no publishes elsewhere)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$e->emit('warmup', 0);                       // the connection is open before MONITOR starts
$mon = new RespClient();
var_dump($mon->command('MONITOR'));
$e->to(['a', 'b', 'c'])->emit('ev', 1);
$e->to('a')->except(['b', 'c'])->emit('ev', 2);
$e->of('/admin')->to([1, 2, 3])->volatile()->emit('ev', 3);
$marker = 'phpt-end-' . bin2hex(random_bytes(4));
(new RespClient())->command('ECHO', $marker);
$publishes = [];
while (($line = $mon->read(SIO_TIMEOUT)) !== null) {
    if (str_contains($line, $marker)) break;
    if (preg_match('/^\S+ \[[^\]]*\] "(\w+)"(?: "([^"]*)")?/', $line, $mm) && strtoupper($mm[1]) === 'PUBLISH') {
        $publishes[] = $mm[2];
    }
}
print_r($publishes);
?>
--EXPECT--
string(2) "OK"
Array
(
    [0] => socket.io#/#
    [1] => socket.io#/#a#
    [2] => socket.io#/admin#
)
