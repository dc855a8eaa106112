--TEST--
jsonSerialize() mutating the array/object being encoded (through references) never crashes and never yields malformed msgpack
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
final class MutArr implements JsonSerializable {
    public function jsonSerialize(): mixed {
        global $arr;
        unset($arr['b'], $arr['c']);
        for ($i = 0; $i < 200; $i++) { $arr["n$i"] = str_repeat('y', 40); }   // forces a rehash/realloc
        return 1;
    }
}
final class MutObj implements JsonSerializable {
    public function jsonSerialize(): mixed {
        global $obj;
        unset($obj->b, $obj->c);
        for ($i = 0; $i < 200; $i++) { $obj->{"n$i"} = str_repeat('z', 40); }
        return 2;
    }
}
final class Drop implements JsonSerializable {
    public function jsonSerialize(): mixed { global $list; $list = null; return 3; }
}
$e = sio_emitter();
$sub = new SioSub();
$arr = ['a' => new MutArr(), 'b' => str_repeat('x', 100), 'c' => [1, 2, 3]];
$wrap1 = [&$arr];
$obj = new stdClass(); $obj->a = new MutObj(); $obj->b = 'bbb'; $obj->c = [1];
$list = [new Drop(), str_repeat('q', 64), [1, 2]];
$wrap3 = ['l' => &$list];
foreach (['array' => $wrap1, 'object' => $obj, 'dropped' => $wrap3] as $label => $v) {
    $t = sio_catch(fn() => $e->emit('ev', $v));
    echo $label, ': ', $t === null || $t instanceof SocketIO\Exception ? 'ok' : get_class($t), "\n";
}
$msgs = $sub->collect();
$bad = array_filter($msgs, fn($m) => str_starts_with(mp_dump($m['payload']), 'INVALID'));
echo 'messages: ', count($msgs) <= 3 ? 'at most one per emit' : count($msgs), "\n";
echo 'malformed: ', count($bad), "\n";
foreach ($bad as $m) { echo mp_dump($m['payload']), "\n"; }
echo "alive\n";
?>
--EXPECT--
array: ok
object: ok
dropped: ok
messages: at most one per emit
malformed: 0
alive
