--TEST--
batch(): nothing is sent when the callback throws (its exception propagates), batch() cannot be nested, and an emitter that escaped its batch refuses to emit instead of losing the message
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*']);
$t = sio_catch(fn() => $e->batch(function ($b) {
    $b->emit('queued-then-dropped', 1);
    throw new DomainException('callback failed');
}));
echo get_class($t), ': ', $t->getMessage(), "\n";
$t = sio_catch(fn() => $e->batch(fn($b) => $b->batch(fn() => null)));
echo get_class($t), ': ', $t->getMessage(), "\n";
$kept = null;
$e->batch(function ($b) use (&$kept) { $kept = $b->to('r'); });
$t = sio_catch(fn() => $kept->emit('late'));
echo get_class($t), ': ', $t->getMessage(), "\n";
$t = sio_catch(fn() => $e->batch(fn($b) => $b->emit('bad', NAN)));
echo get_class($t), ': ', $t->getMessage(), "\n";
echo count($sub->collect()), " message(s)\n";
?>
--EXPECT--
DomainException: callback failed
SocketIO\Exception: batch() cannot be nested
SocketIO\Exception: this emitter belonged to a batch() that has already been sent; use the emitter batch() was called on
SocketIO\Exception: cannot encode $args[0]: float NAN is not a finite number; JSON and JavaScript clients cannot receive NAN or INF
0 message(s)
