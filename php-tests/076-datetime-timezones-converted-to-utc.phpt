--TEST--
DateTime objects in any timezone (named, offset, abbreviation, DST) are converted to UTC
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$dates = [
    new DateTimeImmutable('2026-11-22 04:14:35.123', new DateTimeZone('Europe/Paris')),
    new DateTimeImmutable('2026-11-21 22:14:35.123', new DateTimeZone('America/New_York')),
    new DateTimeImmutable('2026-11-22 08:44:35.123', new DateTimeZone('Asia/Kolkata')),
    new DateTimeImmutable('2026-11-22 17:14:35.123+14:00'),
    new DateTimeImmutable('2026-11-21 17:44:35.123-09:30'),
    new DateTime('2026-11-21 19:14:35.123 PST'),
    new DateTime('2026-07-01 12:00:00', new DateTimeZone('Europe/Paris')),    // summer time, +02:00
    new DateTime('2026-03-29 03:30:00', new DateTimeZone('Europe/Paris')),    // just after the DST switch
];
$e->emit('ev', ...$dates);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d31312d32325430333a31343a33352e3132335a  "2026-11-22T03:14:35.123Z"
b8323032362d30372d30315431303a30303a30302e3030305a  "2026-07-01T10:00:00.000Z"
b8323032362d30332d32395430313a33303a30302e3030305a  "2026-03-29T01:30:00.000Z"
