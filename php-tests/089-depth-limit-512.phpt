--TEST--
Nesting deeper than 512 is rejected with SocketIO\Exception (no stack overflow); 500 levels are fine
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function nest(int $n, bool $assoc) { $v = 'leaf'; for ($i = 0; $i < $n; $i++) { $v = $assoc ? ['k' => $v] : [$v]; } return $v; }
function nest_obj(int $n) { $v = 'leaf'; for ($i = 0; $i < $n; $i++) { $o = new stdClass(); $o->k = $v; $v = $o; } return $v; }
$e = sio_emitter();
$sub = new SioSub();
foreach ([['list', nest(600, false)], ['map', nest(600, true)], ['object', nest_obj(600)], ['very deep', nest(100000, false)]] as [$label, $v]) {
    $t = sio_catch(fn() => $e->emit('ev', $v));
    echo "$label 600+: ", sio_describe($t), $t && str_contains($t->getMessage(), '$args[0]') ? ' (path given)' : ' (NO PATH)', "\n";
}
sio_show_all($sub->collect());
$e->emit('ev', nest(500, false));
$m = $sub->one();
$v = mp_decode($m['payload'])->items[1]->pairs[1][1]->items[1];
$depth = 0;
while ($v instanceof MpArr) { $v = $v->items[0]; $depth++; }
echo "500 levels arrived: depth=$depth leaf=", mp_text($v), "\n";
?>
--EXPECT--
list 600+: SocketIO\Exception (path given)
map 600+: SocketIO\Exception (path given)
object 600+: SocketIO\Exception (path given)
very deep 600+: SocketIO\Exception (path given)
0 message(s)
500 levels arrived: depth=500 leaf="leaf"
