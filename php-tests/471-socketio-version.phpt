--TEST--
socketio_version (option and ini): 2 sends binary events as packet type 5 and refuses except()/socketsJoin/socketsLeave/disconnectSockets/serverSideEmit before sending anything (in batch() too); 3 refuses serverSideEmit; bad values and sharded/streams with 2 or 3 refused naming the key
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function show(?Throwable $t): void { echo $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n"; }
show(sio_catch(fn() => sio_emitter(['socketio_version' => 5])));
show(sio_catch(fn() => sio_emitter(['socketio_version' => 'two'])));
show(sio_catch(fn() => sio_emitter(['socketio_version' => 2.5])));
show(sio_catch(fn() => sio_emitter(['socketio_version' => '2'])));
show(sio_catch(fn() => sio_emitter(['socketio_version' => 3, 'adapter' => 'sharded'])));
ini_set('socketio_emitter.socketio_version', '1');
show(sio_catch(fn() => sio_emitter()));
ini_set('socketio_emitter.socketio_version', '2');
ini_set('socketio_emitter.adapter', 'streams');
show(sio_catch(fn() => sio_emitter()));
ini_set('socketio_emitter.adapter', 'classic');

$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$v2 = sio_emitter();   // socketio_version 2 from the ini
echo "-- v2\n";
var_dump($v2->to('r1')->emit('bin', new SocketIO\Binary("\x01"), 'x'));
var_dump($v2->emit('plain', 1));
foreach ([
    fn() => $v2->except('r2')->emit('ev'),
    fn() => $v2->to('r1')->except('r2')->emit('ev'),
    fn() => $v2->socketsJoin('r3'),
    fn() => $v2->in('r1')->socketsLeave('r3'),
    fn() => $v2->disconnectSockets(true),
    fn() => $v2->serverSideEmit('ev'),
    fn() => $v2->batch(function ($b) { $b->emit('queued'); $b->except('r2')->emit('ev'); }),
] as $call) {
    $t = sio_catch($call);
    echo $t ? get_class($t) . ': ' . sio_messages($t) : 'accepted', "\n";
}
foreach ($sub->collect() as $m) {
    $packet = mp_decode($m['payload'])->items[1];
    echo $m['channel'], ' ', mp_text($packet), "\n";
}
echo "-- v3\n";
$v3 = sio_emitter(['socketio_version' => 3]);
show(sio_catch(fn() => $v3->serverSideEmit('ev', 1)));
var_dump($v3->except('r2')->emit('bin', new SocketIO\Binary("\x01")));
$v3->in('r1')->socketsJoin('r3');
foreach ($sub->collect() as $m) {
    echo $m['channel'], ' ', $m['channel'] === 'socket.io-request#/#' ? $m['payload'] : mp_text(mp_decode($m['payload'])->items[1]), "\n";
}
?>
--EXPECT--
SocketIO\Exception: option 'socketio_version' must be 2, 3 or 4 (the servers' Socket.IO major version), 5 given
SocketIO\Exception: option 'socketio_version' must be 2, 3 or 4 (the servers' Socket.IO major version), 'two' given
SocketIO\Exception: option 'socketio_version' must be 2, 3 or 4 (the servers' Socket.IO major version), 2.5 given
accepted
SocketIO\Exception: option 'socketio_version' is 3 with the sharded adapter, which runs on socket.io 4 only: socket.io 3 servers use the classic adapter (socket.io-redis); use 'adapter' => 'classic' or socketio_version 4
SocketIO\Exception: option 'socketio_emitter.socketio_version' must be 2, 3 or 4 (the servers' Socket.IO major version), '1' given
SocketIO\Exception: option 'socketio_emitter.socketio_version' is 2 with the streams adapter, which runs on socket.io 4 only: socket.io 2 servers use the classic adapter (socket.io-redis); use 'adapter' => 'classic' or socketio_version 4
-- v2
int(1)
int(1)
SocketIO\Exception: except() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) matches except against socket ids only, never rooms, so every socket would receive the event; nothing was sent
SocketIO\Exception: except() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) matches except against socket ids only, never rooms, so every socket would receive the event; nothing was sent
SocketIO\Exception: socketsJoin() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) has no room-wide remote operations (its requests name one socket id), so no server would act on it; nothing was sent
SocketIO\Exception: socketsLeave() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) has no room-wide remote operations (its requests name one socket id), so no server would act on it; nothing was sent
SocketIO\Exception: disconnectSockets() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) has no room-wide remote operations (its requests name one socket id), so no server would act on it; nothing was sent
SocketIO\Exception: serverSideEmit() is not supported with socketio_version 2: socket.io-redis 5 and 6 (socket.io 2 and 3) have no server-side emit; it came with @socket.io/redis-adapter 7 (socket.io 4); nothing was sent
SocketIO\Exception: except() is not supported with socketio_version 2: socket.io-redis 5 (socket.io 2) matches except against socket ids only, never rooms, so every socket would receive the event; nothing was sent
socket.io#/#r1# {"type":5,"data":["bin",bin:01,"x"],"nsp":"/"}
socket.io#/# {"type":2,"data":["plain",1],"nsp":"/"}
-- v3
SocketIO\Exception: serverSideEmit() is not supported with socketio_version 3: socket.io-redis 5 and 6 (socket.io 2 and 3) have no server-side emit; it came with @socket.io/redis-adapter 7 (socket.io 4); nothing was sent
int(1)
socket.io#/# {"type":2,"data":["bin",bin:01],"nsp":"/"}
socket.io-request#/# {"type":2,"opts":{"rooms":["r1"],"except":[]},"rooms":["r3"]}
