--TEST--
The streams adapter's servers are not asked: serverCount(), fetchSockets() and emitWithAck() throw a SocketIO\Exception saying so, before anything is sent
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter(['adapter' => 'streams']);
foreach ([fn() => $e->serverCount(), fn() => $e->in('a')->fetchSockets(), fn() => $e->timeout(0.5)->emitWithAck('ev', 1)] as $call) {
    $t = sio_catch($call);
    echo $t ? get_class($t) . ': ' . $t->getMessage() : 'no exception', "\n";
}
?>
--EXPECT--
SocketIO\Exception: serverCount(), fetchSockets() and emitWithAck() are not supported with the streams adapter ('adapter' => 'streams'): use the classic or sharded adapter for round trips
SocketIO\Exception: serverCount(), fetchSockets() and emitWithAck() are not supported with the streams adapter ('adapter' => 'streams'): use the classic or sharded adapter for round trips
SocketIO\Exception: serverCount(), fetchSockets() and emitWithAck() are not supported with the streams adapter ('adapter' => 'streams'): use the classic or sharded adapter for round trips
