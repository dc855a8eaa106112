--TEST--
Arrays with keys 0..n-1 in order are msgpack arrays (incl. re-indexed ones); array32 (dd) above 65535 items
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$filtered = array_values(array_filter([1, 2, 3, 4], fn($x) => $x % 2 === 0));
$explicit = [0 => 'a', 1 => 'b'];
$e->emit('ev', $filtered, $explicit, [[]], [[1], []], range(1, 65536));
$raws = mp_args_raw($sub->one()['payload']);
for ($i = 0; $i < 4; $i++) {
    echo bin2hex($raws[$i]), '  ', mp_dump($raws[$i]), "\n";
}
echo bin2hex(substr($raws[4], 0, 5)), ' ', strlen($raws[4]), "\n";
$v = mp_decode($raws[4]);
echo count($v->items), ' ', $v->items[0], ' ', $v->items[65535], "\n";
?>
--EXPECT--
920204  [2,4]
92a161a162  ["a","b"]
9190  [[]]
92910190  [[1],[]]
dd00010000 196233
65536 1 65536
