--TEST--
DSN strings redis://host:port, with /db, and with a host name all reach Redis (pub/sub ignores the db)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$a = sio_redis_addr();
$port = $a['port'];
$sub = new SioSub();
$dsns = [
    "redis://127.0.0.1:$port",
    "redis://127.0.0.1:$port/0",
    "redis://127.0.0.1:$port/5",
    "redis://localhost:$port",
];
foreach ($dsns as $i => $dsn) {
    $t = sio_catch(fn() => (new SocketIO\Emitter($dsn))->emit('ev', $i));
    echo str_replace((string)$port, 'PORT', $dsn), ': ', sio_describe($t), "\n";
}
foreach ($sub->collect() as $m) { echo mp_text(mp_decode($m['payload'])->items[1]->pairs[1][1]), "\n"; }
?>
--EXPECT--
redis://127.0.0.1:PORT: no exception
redis://127.0.0.1:PORT/0: no exception
redis://127.0.0.1:PORT/5: no exception
redis://localhost:PORT: no exception
["ev",0]
["ev",1]
["ev",2]
["ev",3]
