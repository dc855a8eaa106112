--TEST--
Scalar parameters follow PHP's coercive typing (as built-in functions do): emit(123) sends "123", of(5) is "/5", compress(0) is false, disconnectSockets(1), null is deprecated then converted; TypeErrors read like PHP's
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
set_error_handler(function ($no, $msg) { echo "E$no: $msg\n"; return true; });
$e = sio_emitter();
$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$e->to('r')->emit(123, 'int event');
$e->to('r')->emit(1.5, 'float event');
$e->to('r')->emit(true, 'bool event');
$e->to('r')->emit(new class { public function __toString(): string { return 'stringable'; } }, 'object event');
$e->of(5)->to('r')->emit('ev');
$e->to('r')->compress(0)->emit('ev');
$e->to('r')->compress('yes')->emit('ev');
$e->to('r')->compress(null)->emit('ev');
$e->in('r')->disconnectSockets(1);
$e->in('r')->disconnectSockets(0.0);
$e->serverSideEmit(7);
var_dump((new SocketIO\Binary(42))->bytes());
foreach ($sub->collect() as $m) {
    echo $m['channel'], ' ', str_contains($m['channel'], '-request') ? $m['payload'] : mp_dump($m['payload']), "\n";
}
foreach ([
    fn() => $e->emit([]),
    fn() => $e->emit(new stdClass),
    fn() => $e->of(['a']),
    fn() => $e->compress([]),
    fn() => $e->compress(new stdClass),
    fn() => $e->disconnectSockets([]),
    fn() => $e->serverSideEmit(null),
] as $fn) {
    $t = sio_catch($fn);
    echo sio_describe($t), ': ', $t?->getMessage(), "\n";
}
?>
--EXPECTF--
E8192: SocketIO\Emitter::compress(): Passing null to parameter #1 ($compress) of type bool is deprecated
string(2) "42"
socket.io#/#r# ["emitter",{"type":2,"data":["123","int event"],"nsp":"/"},{"rooms":["r"],"flags":{},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["1.5","float event"],"nsp":"/"},{"rooms":["r"],"flags":{},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["1","bool event"],"nsp":"/"},{"rooms":["r"],"flags":{},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["stringable","object event"],"nsp":"/"},{"rooms":["r"],"flags":{},"except":[]}]
socket.io#/5#r# ["emitter",{"type":2,"data":["ev"],"nsp":"/5"},{"rooms":["r"],"flags":{},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":["r"],"flags":{"compress":false},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":["r"],"flags":{"compress":true},"except":[]}]
socket.io#/#r# ["emitter",{"type":2,"data":["ev"],"nsp":"/"},{"rooms":["r"],"flags":{"compress":false},"except":[]}]
socket.io-request#/# {"type":4,"opts":{"rooms":["r"],"except":[]},"close":true}
socket.io-request#/# {"type":4,"opts":{"rooms":["r"],"except":[]},"close":false}
socket.io-request#/# {"uid":"emitter","type":6,"data":["7"]}
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, array given
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, stdClass given
TypeError: SocketIO\Emitter::of(): Argument #1 ($nsp) must be of type string, array given
TypeError: SocketIO\Emitter::compress(): Argument #1 ($compress) must be of type bool, array given
TypeError: SocketIO\Emitter::compress(): Argument #1 ($compress) must be of type bool, stdClass given
TypeError: SocketIO\Emitter::disconnectSockets(): Argument #1 ($close) must be of type bool, array given
E8192: SocketIO\Emitter::serverSideEmit(): Passing null to parameter #1 ($event) of type string is deprecated
no exception: 
