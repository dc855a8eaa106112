--TEST--
declare(strict_types=1) in the calling file is honoured: emit(123), of(5), compress(0), disconnectSockets(1), emit(null) are TypeErrors; int for bool stays refused; strings and bools pass
--FILE--
<?php
declare(strict_types=1);
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter('redis://127.0.0.1:1');
foreach ([
    fn() => $e->emit(123),
    fn() => $e->emit(null),
    fn() => $e->emit(new class { public function __toString(): string { return 'x'; } }),
    fn() => $e->of(5),
    fn() => $e->compress(0),
    fn() => $e->compress(null),
    fn() => $e->disconnectSockets(1),
    fn() => new SocketIO\Binary(1),
] as $fn) {
    $t = sio_catch($fn);
    echo sio_describe($t), ': ', $t?->getMessage(), "\n";
}
var_dump($e->of('/a') instanceof SocketIO\Emitter, $e->compress(false) instanceof SocketIO\Emitter);
// a non-strict caller in between (array_map is internal: PHP uses weak mode for it)
var_dump(array_map(fn($x) => $x, [1])[0]);
?>
--EXPECTF--
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, int given
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, null given
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, class@anonymous\0%s given
TypeError: SocketIO\Emitter::of(): Argument #1 ($nsp) must be of type string, int given
TypeError: SocketIO\Emitter::compress(): Argument #1 ($compress) must be of type bool, int given
TypeError: SocketIO\Emitter::compress(): Argument #1 ($compress) must be of type bool, null given
TypeError: SocketIO\Emitter::disconnectSockets(): Argument #1 ($close) must be of type bool, int given
TypeError: SocketIO\Binary::__construct(): Argument #1 ($bytes) must be of type string, int given
bool(true)
bool(true)
int(1)
