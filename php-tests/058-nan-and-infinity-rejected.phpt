--TEST--
NAN, INF and -INF (top level or nested) are rejected with SocketIO\Exception and nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$cases = [
    'NAN'          => [NAN],
    'INF'          => [INF],
    '-INF'         => [-INF],
    'nested list'  => [[1.5, 2.5, NAN]],
    'nested map'   => [['ok' => 1, 'deep' => ['x' => INF]]],
    'second arg'   => ['fine', -INF],
    'in object'    => [(object)['v' => NAN]],
];
foreach ($cases as $label => $args) {
    $t = sio_catch(fn() => $e->emit('ev', ...$args));
    echo $label, ': ', sio_describe($t), "\n";
}
sio_show_all($sub->collect());
?>
--EXPECT--
NAN: SocketIO\Exception
INF: SocketIO\Exception
-INF: SocketIO\Exception
nested list: SocketIO\Exception
nested map: SocketIO\Exception
second arg: SocketIO\Exception
in object: SocketIO\Exception
0 message(s)
