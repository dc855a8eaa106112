--TEST--
Options array: dsn, or host + port, with prefix/timeout/read_timeout, all accepted and honoured
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$a = sio_redis_addr();
$sub = new SioSub(['socket.io#*', 'arr#*']);
$forms = [
    'dsn'            => ['dsn' => sio_dsn()],
    'host+port'      => ['host' => $a['host'], 'port' => $a['port']],
    'everything'     => ['host' => $a['host'], 'port' => $a['port'], 'prefix' => 'arr', 'timeout' => 0.5, 'read_timeout' => 2],
    'dsn+prefix'     => ['dsn' => sio_dsn(), 'prefix' => 'arr'],
];
foreach ($forms as $label => $opts) {
    if ($a['pass'] !== null && !isset($opts['dsn'])) { $opts['password'] = $a['pass']; }
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', $label));
    echo $label, ': ', sio_describe($t), "\n";
}
foreach ($sub->collect() as $m) { echo $m['channel'], ' ', mp_text(mp_decode($m['payload'])->items[1]->pairs[1][1]), "\n"; }
?>
--EXPECT--
dsn: no exception
host+port: no exception
everything: no exception
dsn+prefix: no exception
socket.io#/# ["ev","dsn"]
socket.io#/# ["ev","host+port"]
arr#/# ["ev","everything"]
arr#/# ["ev","dsn+prefix"]
