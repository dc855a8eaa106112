--TEST--
adapter / subscription_mode (options and ini): 'sharded' sends SPUBLISH of a JSON ClusterMessage; bad values and a subscription_mode for the classic adapter are refused naming the key
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function show(?Throwable $t): void { echo $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n"; }
show(sio_catch(fn() => sio_emitter(['adapter' => 'shard'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'sharded', 'subscription_mode' => 'dynamic_private'])));
show(sio_catch(fn() => sio_emitter(['subscription_mode' => 'static'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'classic', 'subscription_mode' => 'static'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 1])));
show(sio_catch(fn() => sio_emitter(['adapter' => "sharded\0"])));
foreach (['static', 'dynamic', 'dynamic-private'] as $mode) {
    show(sio_catch(fn() => sio_emitter(['adapter' => 'sharded', 'subscription_mode' => $mode])));
}
// ini: a bad value is reported when an Emitter is built, naming the setting.
ini_set('socketio_emitter.adapter', 'nope');
show(sio_catch(fn() => sio_emitter()));
ini_set('socketio_emitter.adapter', 'sharded');
ini_set('socketio_emitter.subscription_mode', 'sometimes');
show(sio_catch(fn() => sio_emitter()));
ini_set('socketio_emitter.subscription_mode', 'static');

// From the ini: SPUBLISH to the namespace channel (static), JSON; the option overrides the mode.
$r = new RespClient();
$r->send('SSUBSCRIBE', 'socket.io#/#', 'socket.io#/#room1#');
$r->read(2.0);
$r->read(2.0);
var_dump(sio_emitter()->to('room1')->emit('ev', ['k' => "v\n"], 1.0, 0.25, -7));
var_dump(sio_emitter(['subscription_mode' => 'dynamic'])->to('room1')->emit('ev', 2));
var_dump(sio_emitter(['adapter' => 'classic'])->to('room1')->emit('classic', 3));
foreach ([1, 2] as $_) {
    $m = $r->read(2.0);
    echo $m[0], ' ', $m[1], ' ', $m[2], "\n";
}
?>
--EXPECT--
SocketIO\Exception: option 'adapter' must be 'classic', 'sharded' or 'streams', 'shard' given
SocketIO\Exception: option 'subscription_mode' must be 'dynamic', 'static' or 'dynamic-private', 'dynamic_private' given
SocketIO\Exception: option 'subscription_mode' applies to the sharded adapter only ('adapter' => 'sharded'): the classic adapter has one channel per namespace and room
SocketIO\Exception: option 'subscription_mode' applies to the sharded adapter only ('adapter' => 'sharded'): the classic adapter has one channel per namespace and room
SocketIO\Exception: option 'adapter' must be a string, int given
SocketIO\Exception: option 'adapter' must not contain a NUL byte
accepted
accepted
accepted
SocketIO\Exception: option 'socketio_emitter.adapter' must be 'classic', 'sharded' or 'streams', 'nope' given
SocketIO\Exception: option 'socketio_emitter.subscription_mode' must be 'dynamic', 'static' or 'dynamic-private', 'sometimes' given
int(1)
int(1)
int(0)
smessage socket.io#/# {"type":3,"data":{"packet":{"type":2,"data":["ev",{"k":"v\n"},1,0.25,-7]},"opts":{"rooms":["room1"],"except":[],"flags":{}}},"uid":"emitter","nsp":"/"}
smessage socket.io#/#room1# {"type":3,"data":{"packet":{"type":2,"data":["ev",2]},"opts":{"rooms":["room1"],"except":[],"flags":{}}},"uid":"emitter","nsp":"/"}
