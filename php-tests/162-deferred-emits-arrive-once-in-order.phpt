--TEST--
Deferred mode: emit() returns true without waiting for the reply; 200 emits arrive exactly once and in order; replies are read later (stats) and at the end of the request
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
$seen = [];
foreach ($sub->collect() as $m) {
    $seen[] = json_decode(mp_text(mp_decode($m['payload'])), true)[1]['data'][1] ?? null;
}
var_dump(count($seen), $seen === range(0, 199));
// a synchronous call reads every owed reply first
$s = SocketIO\Emitter::stats();
(new SocketIO\Emitter(sio_dsn()))->emit('sync');
$after = SocketIO\Emitter::stats();
var_dump($after['deferred_receivers'] + $after['deferred_no_receivers'] === 200, $after['deferred_errors'], $after['deferred_unknown']);
var_dump(ini_get('socketio_emitter.deferred'));
?>
--EXPECT--
array(1) {
  [0]=>
  bool(true)
}
int(200)
bool(true)
bool(true)
int(0)
int(0)
string(1) "0"
