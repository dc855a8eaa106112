--TEST--
Depth limit boundary: 512 nested containers are sent, 513 are rejected (lists, maps, objects, JsonSerializable)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function nest(int $n, string $kind) {
    $v = 'x';
    for ($i = 0; $i < $n; $i++) {
        $v = match ($kind) { 'list' => [$v], 'map' => ['k' => $v], 'object' => (object)['k' => $v] };
    }
    return $v;
}
$e = sio_emitter();
$sub = new SioSub();
foreach (['list', 'map', 'object'] as $kind) {
    foreach ([512, 513] as $n) {
        echo "$kind $n: ", sio_describe(sio_catch(fn() => $e->emit('ev', nest($n, $kind)))), "\n";
    }
}
echo count($sub->collect()), " message(s)\n";
?>
--EXPECT--
list 512: no exception
list 513: SocketIO\Exception
map 512: no exception
map 513: SocketIO\Exception
object 512: no exception
object 513: SocketIO\Exception
3 message(s)
