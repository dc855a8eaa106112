--TEST--
A BackedEnum is sent as its value (int or string), also nested
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
enum Status: string { case Active = 'active'; case Gone = 'gone'; }
enum Level: int { case Low = 1; case Huge = 300; case Neg = -5; }
$e = sio_emitter();
$sub = new SioSub();
$e->emit('ev', Status::Active, Level::Huge, Level::Neg, ['s' => Status::Gone, 'l' => [Level::Low]]);
mp_show_args($sub->one()['payload']);
?>
--EXPECT--
a6616374697665  "active"
cd012c  300
fb  -5
82a173a4676f6e65a16c9101  {"s":"gone","l":[1]}
