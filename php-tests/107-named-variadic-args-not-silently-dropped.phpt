--TEST--
String-keyed spread arguments (PHP named variadics) are never silently dropped: either sent in order or rejected
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$t = sio_catch(fn() => $e->emit('ev', 0, ...['a' => 1, 'b' => 2]));
$msgs = $sub->collect();
if ($t !== null) {
    echo 'rejected with ', get_class($t), ', published: ', count($msgs), "\n";
} else {
    echo 'accepted, data: ', mp_text(mp_decode($msgs[0]['payload'])->items[1]->pairs[1][1]), "\n";
}
?>
--EXPECTF--
%r(rejected with \S+, published: 0|accepted, data: \["ev",0,1,2\])%r
