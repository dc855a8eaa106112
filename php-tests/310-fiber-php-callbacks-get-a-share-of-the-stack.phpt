--TEST--
Inside a 256 KiB Fiber, 2000 nested JsonSerializable wrappers whose jsonSerialize() each runs json_encode() of a value 200 levels deep (about 72 KiB of C stack): the encoder keeps a third of the stack free before calling PHP, so the event is refused with SocketIO\Exception naming the C stack, never a crash; shallow ones are sent
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function nest(int $n): array { $a = []; for ($i = 0; $i < $n; $i++) { $a = [$a]; } return $a; }
final class Heavy implements JsonSerializable {
    public function __construct(private mixed $v) {}
    public function jsonSerialize(): mixed { strlen(json_encode(nest(200))); return $this->v; }
}
function wrappers(int $n): mixed { $v = 1; for ($i = 0; $i < $n; $i++) { $v = new Heavy([$v]); } return $v; }
ini_set('fiber.stack_size', '256K');
$e = sio_emitter();
foreach ([10, 2000] as $n) {
    $v = wrappers($n);
    $sub = new SioSub();
    $fiber = new Fiber(function () use ($e, $v) {
        try { $e->emit('ev', $v); return 'sent'; } catch (SocketIO\Exception $x) { return 'refused: ' . $x->getMessage(); }
    });
    $fiber->start();
    $r = $fiber->getReturn();
    $msgs = $sub->collect();
    if ($r === 'sent') {
        $ok = count($msgs) === 1 && mp_text(mp_decode(mp_args_raw($msgs[0]['payload'])[0])) === json_encode($v);
        echo "$n wrappers: sent, ", $ok ? 'equal to json_encode' : 'DIFFERENT', "\n";
    } else {
        echo "$n wrappers: refused, ", count($msgs) === 0 && str_contains($r, 'C stack') ? 'nothing published, message names the C stack' : "UNEXPECTED ($r)", "\n";
    }
}
?>
--EXPECT--
10 wrappers: sent, equal to json_encode
2000 wrappers: refused, nothing published, message names the C stack
