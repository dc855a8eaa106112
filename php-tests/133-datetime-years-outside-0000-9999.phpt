--TEST--
DateTime years outside 0000..9999 use the JS Date.toJSON() expanded form (+010000-…, -000001-…)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$d = fn(int $y) => (new DateTimeImmutable('2000-01-01 00:00:00', new DateTimeZone('UTC')))->setDate($y, 1, 1);
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', $d(10000), $d(9999), $d(0), $d(-1), $d(1));
foreach (mp_args_raw($sub->one()['payload']) as $raw) { echo mp_dump($raw), "\n"; }
?>
--EXPECT--
"+010000-01-01T00:00:00.000Z"
"9999-01-01T00:00:00.000Z"
"0000-01-01T00:00:00.000Z"
"-000001-01-01T00:00:00.000Z"
"0001-01-01T00:00:00.000Z"
