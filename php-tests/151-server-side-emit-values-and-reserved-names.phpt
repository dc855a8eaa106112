--TEST--
serverSideEmit(): rejects connect/connection/new_namespace, sends values as JSON (Binary as a Node Buffer), and a bad value publishes nothing
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io-request#*']);
foreach (['connect', 'connection', 'new_namespace'] as $name) {
    $t = sio_catch(fn() => $e->serverSideEmit($name));
    echo get_class($t), ': ', $t->getMessage(), "\n";
}
foreach ([fn() => $e->serverSideEmit('ev', ['x' => NAN]), fn() => $e->serverSideEmit('ev', "\xff")] as $f) {
    $t = sio_catch($f);
    echo get_class($t), ': ', $t->getMessage(), "\n";
}
final class SioBinaryHolder implements JsonSerializable {
    public function jsonSerialize(): mixed { return new SocketIO\Binary("\x00\xff"); }
}
$e->serverSideEmit('disconnect', new SioBinaryHolder(), 1.5, null, ['a' => [true]], new DateTime('2020-01-02T03:04:05.678Z'));
foreach ($sub->collect() as $m) {
    echo $m['payload'], "\n";
}
?>
--EXPECT--
SocketIO\Exception: "connect" is a reserved event name
SocketIO\Exception: "connection" is a reserved event name
SocketIO\Exception: "new_namespace" is a reserved event name
SocketIO\Exception: cannot encode $args[0]['x']: float NAN is not a finite number; JSON and JavaScript clients cannot receive NAN or INF
SocketIO\Exception: cannot encode $args[0]: string is not valid UTF-8; wrap binary data in SocketIO\Binary
{"uid":"emitter","type":6,"data":["disconnect",{"type":"Buffer","data":[0,255]},1.5,null,{"a":[true]},"2020-01-02T03:04:05.678Z"]}
