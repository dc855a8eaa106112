--TEST--
A pure (non-backed) enum case is rejected with SocketIO\Exception; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
enum Suit { case Hearts; case Spades; }
$e = sio_emitter();
$sub = new SioSub();
foreach ([[Suit::Hearts], [['card' => Suit::Spades]]] as $args) {
    echo sio_describe(sio_catch(fn() => $e->emit('ev', ...$args))), "\n";
}
sio_show_all($sub->collect());
?>
--EXPECT--
SocketIO\Exception
SocketIO\Exception
0 message(s)
