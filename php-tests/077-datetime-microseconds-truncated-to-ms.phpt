--TEST--
DateTime microseconds are truncated (not rounded) to milliseconds, also before 1970
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$utc = new DateTimeZone('UTC');
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev',
    new DateTimeImmutable('2026-11-22 03:14:35.123999', $utc),
    new DateTimeImmutable('2026-12-31 23:59:59.999999', $utc),
    new DateTimeImmutable('2026-11-22 03:14:35.000500', $utc),
    new DateTimeImmutable('1969-12-31 23:59:59.999500', $utc),
    new DateTimeImmutable('2026-11-22 04:14:35.999999', new DateTimeZone('Europe/Paris'))
);
foreach (mp_args_raw($sub->one()['payload']) as $raw) { echo mp_dump($raw), "\n"; }
?>
--EXPECT--
"2026-11-22T03:14:35.123Z"
"2026-12-31T23:59:59.999Z"
"2026-11-22T03:14:35.000Z"
"1969-12-31T23:59:59.999Z"
"2026-11-22T03:14:35.999Z"
