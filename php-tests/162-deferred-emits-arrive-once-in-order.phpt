--TEST--
Deferred mode: emit() returns true without waiting for the reply (emits stream, replies read as they arrive); 200 emits arrive exactly once and in order; a synchronous command reads every owed reply first
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter(['dsn' => sio_dsn(), 'deferred' => true]);
$sub = new SioSub(['socket.io#*']);
$returns = [];
for ($i = 0; $i < 200; $i++) {
    $returns[] = $e->to('r')->emit('seq', $i);
}
var_dump(array_unique($returns, SORT_REGULAR));
// Deferred emits stream: their replies are read as they arrive, not one round trip each.
var_dump(SocketIO\Emitter::stats()['deferred_receivers'] + SocketIO\Emitter::stats()['deferred_no_receivers'] < 200);
// A synchronous command on the same connection reads every owed reply first,
// so Redis has executed all 200 PUBLISHes once it returns.
(new SocketIO\Emitter(sio_dsn()))->emit('sync');
$after = SocketIO\Emitter::stats();
$seen = [];
foreach ($sub->collect() as $m) {
    $decoded = json_decode(mp_text(mp_decode($m['payload'])), true);
    if ($decoded[1]['data'][0] === 'seq') {
        $seen[] = $decoded[1]['data'][1];
    }
}
var_dump(count($seen), $seen === range(0, 199));
var_dump($after['deferred_receivers'] + $after['deferred_no_receivers'] === 200, $after['deferred_errors'], $after['deferred_unknown']);
var_dump(ini_get('socketio_emitter.deferred'));
?>
--EXPECT--
array(1) {
  [0]=>
  bool(true)
}
bool(true)
int(200)
bool(true)
bool(true)
int(0)
int(0)
string(1) "0"
