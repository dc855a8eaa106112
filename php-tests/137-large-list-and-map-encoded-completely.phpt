--TEST--
A 200 000-element list and a 100 000-key map are encoded completely (array32/map32) and arrive as one message each
--INI--
memory_limit=1G
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$list = range(1, 200000);
$map = [];
for ($i = 0; $i < 100000; $i++) { $map["key$i"] = ['id' => $i, 'name' => "n$i", 'ok' => true]; }
foreach (['list' => $list, 'map' => $map] as $label => $v) {
    $m = sio_capture_one(fn() => $e->emit('ev', $v));
    [$raw] = mp_args_raw($m['payload']);
    $off = 0;
    $decoded = mp_read($raw, $off);
    $n = $decoded instanceof MpArr ? count($decoded->items) : count($decoded->pairs);
    printf("%s: marker %02x, %d elements, all bytes used: %s\n", $label, ord($raw[0]), $n, var_export($off === strlen($raw), true));
}
?>
--EXPECT--
list: marker dd, 200000 elements, all bytes used: true
map: marker df, 100000 elements, all bytes used: true
