--TEST--
to([]) targets nobody in batch() and deferred mode too (emit returns 0, keeps its place in batch results); bad input to nobody still throws; SessionRooms with no rooms sends nothing
--INI--
socketio_emitter.session_secret=0123456789abcdef0123
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$r = $e->batch(function ($b) {
    var_dump($b->to([])->emit('nobody'));
    $b->to('a')->emit('a');
    $b->in([])->emit('nobody2');
    $b->to(['b'])->emit('b');
});
echo json_encode(array_map(fn($v) => is_int($v) ? ($v === 0 ? 0 : 'count>0') : $v, $r)), "\n";
$d = sio_emitter(['deferred' => true]);
var_dump($d->to([])->emit('nobody3'));
var_dump($d->to('c')->emit('c'));
$t = sio_catch(fn() => $e->to([])->emit('ev', NAN));
echo sio_describe($t), "\n";
$t = sio_catch(fn() => $e->to([])->emit('disconnect'));
echo sio_describe($t), "\n";
$s = new SocketIO\SessionRooms($e);
$s->join('sid', []);
$s->leave('sid', []);
var_dump($s->rooms('sid'));
foreach ($sub->collect() as $m) {
    echo $m['channel'], "\n";
}
?>
--EXPECT--
int(0)
[0,"count>0",0,"count>0"]
int(0)
bool(true)
SocketIO\Exception
SocketIO\Exception
array(0) {
}
socket.io#/#a#
socket.io#/#b#
socket.io#/#c#
