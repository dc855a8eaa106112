--TEST--
emit()'s arguments as its hand-written handler reads them from the call frame: 0 to 20 values after the event (on both sides of its 8-slot stack list), in order, by reference, with named extras; argument errors as PHP words them
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
for ($n = 0; $n <= 20; $n++) {
    $args = range(1, $n);
    $r = $e->emit("ev$n", ...$args);
    if (!is_int($r)) echo "n=$n: emit returned ", var_export($r, true), "\n";
}
$x = 'ref';
$y = &$x;
$e->emit('byref', $y, [$y]);
$e->emit('named', 1, 2, ...['a' => 3, 'b' => [4]]);
$e->emit(event: 'only-named');
$msgs = $sub->collect();
echo count($msgs), " published\n";
foreach ($msgs as $i => $m) {
    $data = mp_text(mp_decode($m['payload'])->items[1]->pairs[1][1]);
    if ($i < 21) {
        $want = json_encode(array_merge(["ev$i"], range(1, $i)));
        if ($data !== $want) echo "n=$i: $data, expected $want\n";
    } else {
        echo $data, "\n";
    }
}
$show = fn (?Throwable $t) => $t ? get_class($t) . ': ' . $t->getMessage() : 'no error';
echo $show(sio_catch(fn () => $e->emit())), "\n";
echo $show(sio_catch(fn () => $e->emit([]))), "\n";
echo $show(sio_catch(fn () => $e->emit(...[]))), "\n";
echo $show(sio_catch(fn () => $e->emit(event: 'only-named'))), "\n";
echo "alive\n";
?>
--EXPECTF--
24 published
["byref","ref",["ref"]]
["named",1,2,3,[4]]
["only-named"]
ArgumentCountError: SocketIO\Emitter::emit() expects at least 1 argument, 0 given
TypeError: SocketIO\Emitter::emit(): Argument #1 ($event) must be of type string, array given
ArgumentCountError: SocketIO\Emitter::emit() expects at least 1 argument, 0 given
no error
alive
