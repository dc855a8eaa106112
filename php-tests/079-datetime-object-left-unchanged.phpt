--TEST--
Emitting a mutable DateTime does not change its timezone or value; DateTime subclasses are DateTimeInterface too
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
class MyDate extends DateTime { public $extra = 'not sent'; }
$d = new DateTime('2026-11-22 04:14:35.123456', new DateTimeZone('Europe/Paris'));
$before = $d->format('Y-m-d H:i:s.u e');
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', $d, [$d], new MyDate('2026-11-22 03:14:35.123', new DateTimeZone('UTC')));
foreach (mp_args_raw($sub->one()['payload']) as $raw) { echo mp_dump($raw), "\n"; }
var_dump($d->format('Y-m-d H:i:s.u e') === $before);
echo $d->format('Y-m-d H:i:s.u e'), "\n";
?>
--EXPECT--
"2026-11-22T03:14:35.123Z"
["2026-11-22T03:14:35.123Z"]
"2026-11-22T03:14:35.123Z"
bool(true)
2026-11-22 04:14:35.123456 Europe/Paris
