--TEST--
A bad value anywhere (even after a large valid prefix) publishes nothing; the next good emit arrives intact
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
enum UnitEnumHolder { case X; }
$e = sio_emitter();
$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$big = str_repeat('x', 2 * 1024 * 1024);
$bad = [
    'NAN last'         => [$big, ['ok' => 1, 'bad' => NAN]],
    'resource last'    => [$big, [1, 2, 3, fopen('php://memory', 'r')]],
    'invalid UTF-8'    => [['a' => $big, 'b' => "\xff"]],
    'closure'          => [$big, fn() => null],
    'pure enum'        => [$big, UnitEnumHolder::X],
];
foreach ($bad as $label => $args) {
    $t = sio_catch(fn() => $e->to(['r1', 'r2'])->emit('ev', ...$args));
    echo $label, ': ', sio_describe($t), "\n";
}
sio_show_all($sub->collect());
$n = $e->emit('ev', 'good', ['n' => 1]);
var_dump($n >= 1);
sio_show_all($sub->collect());
?>
--EXPECT--
NAN last: SocketIO\Exception
resource last: SocketIO\Exception
invalid UTF-8: SocketIO\Exception
closure: SocketIO\Exception
pure enum: SocketIO\Exception
0 message(s)
bool(true)
1 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev","good",{"n":1}],"nsp":"/"},{"rooms":[],"flags":{},"except":[]}]
