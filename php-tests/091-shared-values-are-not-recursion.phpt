--TEST--
The same object or array used twice (siblings, not a cycle) is encoded twice, not rejected as recursion
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$o = (object)['id' => 1];
$arr = ['x' => $o];
$d = new DateTimeImmutable('2026-11-22 03:14:35.123', new DateTimeZone('UTC'));
$b = new SocketIO\Binary('ab');
$e->emit('ev', [$o, $o], $arr, $arr, [$d, $d], [$b, $b], $o);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
9281a269640181a2696401  [{"id":1},{"id":1}]
81a17881a2696401  {"x":{"id":1}}
81a17881a2696401  {"x":{"id":1}}
92b8323032362d31312d32325430333a31343a33...(51 bytes)  ["2026-11-22T03:14:35.123Z","2026-11-22T03:14:35.123Z"]
92c4026162c4026162  [bin:6162,bin:6162]
81a2696401  {"id":1}
