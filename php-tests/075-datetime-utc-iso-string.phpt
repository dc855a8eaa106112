--TEST--
DateTimeInterface is sent as a UTC string like JS Date.toJSON(): 2026-11-22T03:14:35.123Z (fixstr, 24 bytes)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$utc = new DateTimeZone('UTC');
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev',
    new DateTimeImmutable('2026-11-22 03:14:35.123', $utc),
    new DateTime('2026-11-22 03:14:35.123', $utc),
    new DateTime('@0'),
    new DateTimeImmutable('2000-02-29 00:00:00', $utc),
    ['at' => new DateTimeImmutable('2026-01-02 03:04:05.006', $utc)]
);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8313937302d30312d30315430303a30303a30302e3030305a  "1970-01-01T00:00:00.000Z"
b8323030302d30322d32395430303a30303a30302e3030305a  "2000-02-29T00:00:00.000Z"
81a26174b8323032362d30312d30325430333a30343a30352e3030365a  {"at":"2026-01-02T03:04:05.006Z"}
