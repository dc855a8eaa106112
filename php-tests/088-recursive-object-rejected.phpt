--TEST--
A recursive object graph is rejected with SocketIO\Exception naming the path; no crash, nothing published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$o = new stdClass();
$o->name = 'loop';
$o->self = $o;
$t = sio_catch(fn() => $e->emit('ev', $o));
echo sio_describe($t), "\n";
var_dump($t && str_contains($t->getMessage(), '$args[0]') && str_contains($t->getMessage(), 'self'));
$a = new stdClass(); $b = new stdClass();
$a->child = $b; $b->parent = $a;
$t = sio_catch(fn() => $e->emit('ev', ['root' => $a]));
echo sio_describe($t), "\n";
var_dump($t && str_contains($t->getMessage(), "\$args[0]['root']"));
final class Loop implements JsonSerializable { public function jsonSerialize(): mixed { return ['again' => $this]; } }
$t = sio_catch(fn() => $e->emit('ev', new Loop()));
echo sio_describe($t), "\n";
sio_show_all($sub->collect());
?>
--EXPECT--
SocketIO\Exception
bool(true)
SocketIO\Exception
bool(true)
SocketIO\Exception
0 message(s)
