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
// A cycle behind arrays nothing else holds (reference count 1), three levels down.
$deep = ['x' => ['y' => ['z' => 1]]];
$deep['x']['y']['back'] = &$deep;
$t = sio_catch(fn() => $e->emit('ev', $deep));
echo sio_describe($t), "\n";
var_dump($t && str_contains($t->getMessage(), "\$args[0]['x']['y']['back']"));
// The same array several times, not inside itself, is no cycle.
$s = ['k' => [1, 2]];
var_dump($e->emit('ev', [$s, $s, ['n' => $s, 'm' => [$s]]]));
sio_show_all($sub->collect());
?>
--EXPECT--
SocketIO\Exception
bool(true)
SocketIO\Exception
bool(true)
SocketIO\Exception
bool(true)
int(1)
1 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",[{"k":[1,2]},{"k":[1,2]},{"n":{"k":[1,2]},"m":[{"k":[1,2]}]}]],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
