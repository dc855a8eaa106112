--TEST--
to([]) / in([]) target nobody (emit publishes nothing and returns 0); to([])->to('a') targets room a; except([]) excludes nobody
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$teamRooms = [];
var_dump($e->to($teamRooms)->emit('ev', 1));
var_dump($e->in([])->except([])->volatile()->emit('ev', 1));
var_dump($e->to([])->to('solo')->emit('ev', 2) >= 1);
var_dump($e->except([])->emit('ev', 3) >= 0);
$e->to([])->disconnectSockets(true);
$e->in([])->socketsJoin('x');
$e->in([])->socketsLeave('x');
var_dump($e->to([])->serverSideEmit('servers', 4) >= 0); // rooms do not apply to servers
$msgs = $sub->collect();
echo count($msgs), " message(s)\n";
foreach ($msgs as $m) {
    echo $m['channel'], "\n  ", str_contains($m['channel'], '-request') ? $m['payload'] : mp_dump($m['payload']), "\n";
}
?>
--EXPECT--
int(0)
int(0)
bool(true)
bool(true)
bool(true)
3 message(s)
socket.io#/#solo#
  ["emitter",{"type":2,"data":["ev",2],"nsp":"/"},{"rooms":["solo"],"flags":{},"except":[]}]
socket.io#/#
  ["emitter",{"type":2,"data":["ev",3],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
socket.io-request#/#
  {"uid":"emitter","type":6,"data":["servers",4]}
