--TEST--
A recursive array (through a reference) is rejected with SocketIO\Exception naming the path; no crash, nothing published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$a = ['x' => 1];
$a['self'] = &$a;
$t = sio_catch(fn() => $e->emit('ev', $a));
echo sio_describe($t), "\n";
var_dump($t && str_contains($t->getMessage(), "\$args[0]['self']"));
$list = [1];
$list[] = &$list;
$t = sio_catch(fn() => $e->emit('ev', 'pad', $list));
echo sio_describe($t), "\n";
var_dump($t && str_contains($t->getMessage(), '$args[1][1]'));
sio_show_all($sub->collect());
?>
--EXPECT--
SocketIO\Exception
bool(true)
SocketIO\Exception
bool(true)
0 message(s)
