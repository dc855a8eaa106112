--TEST--
Option values of the wrong type or range are rejected (SocketIO\Exception or TypeError/ValueError), naming the option
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$a = sio_redis_addr();
$cases = [
    'port'         => ['host' => '127.0.0.1', 'port' => []],
    'timeout'      => ['dsn' => sio_dsn(), 'timeout' => 'soon'],
    'read_timeout' => ['dsn' => sio_dsn(), 'read_timeout' => -1],
    'prefix'       => ['dsn' => sio_dsn(), 'prefix' => ['a']],
    'host'         => ['host' => new stdClass(), 'port' => $a['port']],
];
foreach ($cases as $key => $opts) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', 1));
    $ok = $t instanceof SocketIO\Exception || $t instanceof TypeError || $t instanceof ValueError;
    printf("%s: %s, names it: %s\n", $key, $ok ? 'rejected' : 'NOT REJECTED (' . sio_describe($t) . ')',
        $t && str_contains($t->getMessage(), $key) ? 'yes' : 'NO');
}
?>
--EXPECT--
port: rejected, names it: yes
timeout: rejected, names it: yes
read_timeout: rejected, names it: yes
prefix: rejected, names it: yes
host: rejected, names it: yes
