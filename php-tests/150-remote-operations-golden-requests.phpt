--TEST--
socketsJoin/socketsLeave/disconnectSockets/serverSideEmit publish the official emitter's JSON requests on '<prefix>-request#<nsp>#' (golden vectors)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io-request#*']);
var_dump($e->socketsJoin('room3'));
$e->in('room1')->except('room2')->socketsJoin(['room4', 'room5']);
$e->in('room1')->socketsLeave('room1');
$e->in('room2')->disconnectSockets();
$e->in('room2')->disconnectSockets(true);
$e->except('room1')->disconnectSockets(false);
var_dump($e->serverSideEmit('hello', 'world', 1) >= 1);
$e->of('/admin')->serverSideEmit('ping');
// rooms are coerced and deduplicated as for in(); volatile/compress flags are not part of requests
$e->volatile()->to([5, '5'])->socketsJoin([7, 'x', 'x']);
foreach ($sub->collect() as $m) {
    echo $m['channel'], ' ', $m['payload'], "\n";
}
?>
--EXPECT--
NULL
bool(true)
socket.io-request#/# {"type":2,"opts":{"rooms":[],"except":[]},"rooms":["room3"]}
socket.io-request#/# {"type":2,"opts":{"rooms":["room1"],"except":["room2"]},"rooms":["room4","room5"]}
socket.io-request#/# {"type":3,"opts":{"rooms":["room1"],"except":[]},"rooms":["room1"]}
socket.io-request#/# {"type":4,"opts":{"rooms":["room2"],"except":[]},"close":false}
socket.io-request#/# {"type":4,"opts":{"rooms":["room2"],"except":[]},"close":true}
socket.io-request#/# {"type":4,"opts":{"rooms":[],"except":["room1"]},"close":false}
socket.io-request#/# {"uid":"emitter","type":6,"data":["hello","world",1]}
socket.io-request#/admin# {"uid":"emitter","type":6,"data":["ping"]}
socket.io-request#/# {"type":2,"opts":{"rooms":["5"],"except":[]},"rooms":["7","x"]}
