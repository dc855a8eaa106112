--TEST--
An uninitialized typed public property does not crash; like json_encode it is left out
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
class Partial { public int $set = 1; public int $unset; public ?array $later; }
$e = sio_emitter();
$sub = new SioSub();
$t = sio_catch(fn() => $e->emit('ev', new Partial()));
echo sio_describe($t), "\n";
foreach ($sub->collect() as $m) { foreach (mp_args_raw($m['payload']) as $raw) echo mp_dump($raw), "\n"; }
echo json_encode(new Partial()), "\n";
?>
--EXPECT--
no exception
{"set":1}
{"set":1}
