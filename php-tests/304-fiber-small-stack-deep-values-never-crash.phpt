--TEST--
Inside a Fiber with a 256K stack, values 100/300/450/511 levels deep (arrays, objects, JsonSerializable wrappers) are either sent equal to json_encode's result or refused with SocketIO\Exception: never a crash
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class W implements JsonSerializable {
    public function __construct(private mixed $v) {}
    public function jsonSerialize(): mixed { return $this->v; }
}
function nest(int $n, string $kind): mixed {
    $v = 'x';
    for ($i = 0; $i < $n; $i++) {
        $v = match ($kind) { 'array' => [$v], 'object' => (object)['k' => $v], 'wrapper' => new W([$v]) };
    }
    return $v;
}
ini_set('fiber.stack_size', '256K');
$e = sio_emitter();
$sent = $refused = 0;
foreach (['array', 'object', 'wrapper'] as $kind) {
    foreach ([100, 300, 450, 511] as $n) {
        $v = nest($n, $kind);
        $json = json_encode($v);
        $sub = new SioSub();
        $fiber = new Fiber(function () use ($e, $v) {
            try { $e->emit('ev', $v); return 'sent'; } catch (SocketIO\Exception $x) { return 'refused: ' . $x->getMessage(); }
        });
        $r = $fiber->start() ?? $fiber->getReturn();
        $msgs = $sub->collect();
        if ($r === 'sent') {
            $sent++;
            $args = count($msgs) === 1 ? mp_args_raw($msgs[0]['payload']) : [];
            $ok = count($args) === 1 && mp_text(mp_decode($args[0])) === $json;
            echo "$kind $n: sent, ", $ok ? 'equal to json_encode' : 'DIFFERENT from json_encode', "\n";
        } else {
            $refused++;
            $ok = count($msgs) === 0 && str_contains($r, 'C stack');
            echo "$kind $n: refused, ", $ok ? 'nothing published, message names the C stack' : "UNEXPECTED ($r)", "\n";
        }
    }
}
echo "sent $sent, refused $refused\n";
// The main thread (8 MB stack) sends all of them, like json_encode.
$sub = new SioSub();
foreach (['array', 'object', 'wrapper'] as $kind) { $e->emit('ev', nest(511, $kind)); }
echo count($sub->collect()), " sent from the main thread\n";
?>
--EXPECTF--
array 100: sent, equal to json_encode
array 300: sent, equal to json_encode
array 450: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
array 511: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
object 100: sent, equal to json_encode
object 300: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
object 450: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
object 511: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
wrapper 100: sent, equal to json_encode
wrapper 300: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
wrapper 450: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
wrapper 511: %r(sent, equal to json_encode|refused, nothing published, message names the C stack)%r
sent %d, refused %d
3 sent from the main thread
