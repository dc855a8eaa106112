--TEST--
An exception thrown by jsonSerialize() reaches the caller (itself or as previous of a SocketIO\Exception); nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class Boom implements JsonSerializable {
    public function jsonSerialize(): mixed { throw new LogicException('boom from jsonSerialize'); }
}
$e = sio_emitter();
$sub = new SioSub();
$t = sio_catch(fn() => $e->emit('ev', 'first', ['x' => new Boom()]));
$found = false;
for ($x = $t; $x; $x = $x->getPrevious()) {
    if ($x instanceof LogicException && $x->getMessage() === 'boom from jsonSerialize') { $found = true; }
}
echo sio_describe($t), "\n";
var_dump($found);
sio_show_all($sub->collect());
// the emitter is still usable afterwards
$e->emit('ev', 'after');
sio_show_all($sub->collect());
?>
--EXPECTF--
%s
bool(true)
0 message(s)
1 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev","after"],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
