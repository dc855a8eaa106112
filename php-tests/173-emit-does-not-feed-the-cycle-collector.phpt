--TEST--
Encoding does not offer the arrays it walked to the cycle collector (as foreach does not): a payload of 30,000 arrays adds no GC roots and runs no collection during the emit; a payload that holds a real cycle is still collected afterwards
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$payload = [];
for ($i = 0; $i < 30000; $i++) {
    $payload[] = ['i' => $i, 'tags' => ["t$i", 'x']];
}
gc_collect_cycles();
$before = gc_status();
$r = $e->to('gc-room')->emit('ev', $payload);
$after = gc_status();
$roots = $after['roots'] - $before['roots'];
$runs = $after['runs'] - $before['runs'];
echo "emitted: ", is_int($r) ? 'yes' : var_export($r, true), "\n";
echo "GC roots added: $roots (<= 10: ", $roots <= 10 ? 'yes' : 'NO', ")\n";
echo "collections run during the emit: $runs\n";
// A cycle the payload shares is still found by the collector later.
$o = new stdClass();
$o->self = $o;
$o->n = 1;
$e->to('gc-room')->emit('ev', ['o' => ['n' => 1]]);
unset($o);
echo "collected after unset: ", gc_collect_cycles() >= 1 ? 'yes' : 'no', "\n";
?>
--EXPECTF--
emitted: yes
GC roots added: %d (<= 10: yes)
collections run during the emit: 0
collected after unset: yes
