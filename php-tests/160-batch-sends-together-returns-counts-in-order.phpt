--TEST--
batch(): emits through the emitter given to the callback (and emitters derived from it) are sent together after it returns, counts returned in order; emit() inside returns true
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$during = null;
$counts = $e->batch(function (SocketIO\Emitter $b) use ($sub, &$during) {
    var_dump($b->to('room1')->emit('first', 1));
    $b->of('/admin')->emit('second');
    $b->except('x')->volatile()->emit('third', ['k' => 'v']);
    $during = count($sub->collect()); // nothing is published while the callback runs
});
var_dump($during);
var_dump($counts);
sio_print($sub->collect());
var_dump($e->batch(fn() => null)); // nothing emitted: nothing sent
?>
--EXPECTF--
bool(true)
int(0)
array(3) {
  [0]=>
  int(1)
  [1]=>
  int(1)
  [2]=>
  int(1)
}
3 message(s)
channel: socket.io#/#room1#
decoded: ["emitter",{"type":2,"data":["first",1],"nsp":"/"},{"rooms":["room1"],"flags":{},"except":[]}]
hex: 93a7656d697474657283a47479706502a46461746192a566697273740%s
channel: socket.io#/admin#
decoded: ["emitter",{"type":2,"data":["second"],"nsp":"/admin"},{"rooms":[],"flags":{},"except":[]}]
hex: %s
channel: socket.io#/#
decoded: ["emitter",{"type":2,"data":["third",{"k":"v"}],"nsp":"/"},{"rooms":[],"flags":{"volatile":true},"except":["x"]}]
hex: %s
array(0) {
}
