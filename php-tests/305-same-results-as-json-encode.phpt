--TEST--
Same results as json_encode: enums implementing JsonSerializable, JsonSerializable wrappers not counted as depth, objects with internal property tables, return $this; dates outside the JS Date range throw naming the path
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
enum Suit: string implements JsonSerializable {
    case Hearts = 'H';
    public function jsonSerialize(): mixed { return ['suit' => 'hearts']; }
}
enum Plain: int { case One = 1; }
final class W implements JsonSerializable {
    public function __construct(private mixed $v) {}
    public function jsonSerialize(): mixed { return $this->v; }
}
final class Self_ implements JsonSerializable {
    public $a = 1; protected $hidden = 2;
    public function jsonSerialize(): mixed { return $this; }
}
/** msgpack (decoded by the helpers) -> PHP value json_encode writes the same way. */
function mp_php($v) {
    if ($v instanceof MpStr) return $v->s;
    if ($v instanceof MpF64) return $v->f;
    if ($v instanceof MpArr) return array_map('mp_php', $v->items);
    if ($v instanceof MpMap) { $o = new stdClass; foreach ($v->pairs as [$k, $x]) { $o->{mp_php($k)} = mp_php($x); } return $o; }
    return $v;
}
$e = sio_emitter();
function compare(string $label, mixed $value): void {
    global $e;
    $json = json_encode($value);
    $sub = new SioSub();
    $t = sio_catch(fn() => $e->emit('ev', $value));
    $msgs = $sub->collect();
    if ($t !== null || count($msgs) !== 1) {
        echo "$label: ", $json === false ? 'json_encode fails too' : 'DIFFERENT: json_encode gives ' . $json, ' / emit: ', $t ? $t->getMessage() : count($msgs) . ' messages', "\n";
        return;
    }
    $ours = json_encode(mp_php(mp_decode(mp_args_raw($msgs[0]['payload'])[0])));
    echo "$label: ", $ours === $json ? "same as json_encode $json" : "DIFFERENT: ours $ours, json_encode " . var_export($json, true), "\n";
}
compare('backed enum + JsonSerializable', Suit::Hearts);
compare('backed enum', Plain::One);
compare('return $this', new Self_());
compare('ArrayObject', new ArrayObject([1, 'k' => 2]));
compare('ArrayIterator', new ArrayIterator(['a' => 1]));
compare('SplObjectStorage', new SplObjectStorage());
compare('DateTimeZone', new DateTimeZone('UTC'));
compare('DateInterval', new DateInterval('P1DT2H'));
compare('SplFixedArray', SplFixedArray::fromArray([1, 2]));
// Depth: wrappers around each array are not levels; 512 arrays pass, 513 do not, as with json_encode.
function wrapped(int $n): mixed { $v = 'x'; for ($i = 0; $i < $n; $i++) { $v = new W(new W([$v])); } return $v; }
foreach ([511, 512, 513] as $n) {
    $v = wrapped($n);
    $json = json_encode($v) !== false ? 'ok' : 'fails';
    $ours = sio_catch(fn() => $e->emit('ev', $v)) === null ? 'ok' : 'fails';
    echo "$n arrays in ", 2 * $n, " wrappers: json_encode $json, emit $ours\n";
}
$v = 'x'; for ($i = 0; $i < 2000; $i++) { $v = new W($v); }
echo '2000 wrappers around a string: ', json_encode($v) === '"x"' ? 'json_encode ok' : 'json_encode fails', ', emit ', sio_describe(sio_catch(fn() => $e->emit('ev', $v))), "\n";
// Endless wrappers (json_encode would overflow the C stack and crash): refused before the stack runs out.
final class Endless implements JsonSerializable { public function jsonSerialize(): mixed { return new Endless(); } }
$t = sio_catch(fn() => $e->emit('ev', new Endless()));
echo 'endless wrappers: ', sio_describe($t), str_contains((string)$t?->getMessage(), 'C stack') ? ', names the C stack' : '', "\n";
// JS Date range: ±8.64e15 ms from 1970.
foreach (['@8640000000000', '@-8640000000000', '@8640000000001', '@-8640000000001'] as $at) {
    $t = sio_catch(fn() => $e->emit('ev', ['when' => new DateTimeImmutable($at)]));
    echo $at, ': ', $t ? get_class($t) . ': ' . $t->getMessage() : 'sent', "\n";
}
?>
--EXPECT--
backed enum + JsonSerializable: same as json_encode {"suit":"hearts"}
backed enum: same as json_encode 1
return $this: same as json_encode {"a":1}
ArrayObject: same as json_encode {"0":1,"k":2}
ArrayIterator: same as json_encode {"a":1}
SplObjectStorage: same as json_encode {}
DateTimeZone: same as json_encode {"timezone_type":3,"timezone":"UTC"}
DateInterval: same as json_encode {"y":0,"m":0,"d":1,"h":2,"i":0,"s":0,"f":0,"invert":0,"days":false,"from_string":false}
SplFixedArray: same as json_encode [1,2]
511 arrays in 1022 wrappers: json_encode ok, emit ok
512 arrays in 1024 wrappers: json_encode ok, emit ok
513 arrays in 1026 wrappers: json_encode fails, emit fails
2000 wrappers around a string: json_encode ok, emit no exception
endless wrappers: SocketIO\Exception, names the C stack
@8640000000000: sent
@-8640000000000: sent
@8640000000001: SocketIO\Exception: cannot encode $args[0]['when']: date is outside the range of a JavaScript Date (years -271821 to 275760, ±8.64e15 ms from 1970)
@-8640000000001: SocketIO\Exception: cannot encode $args[0]['when']: date is outside the range of a JavaScript Date (years -271821 to 275760, ±8.64e15 ms from 1970)
