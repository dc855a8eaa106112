--TEST--
clone / serialize / unserialize of Emitter and Binary never crash PHP: either refused with an Error/Exception or fully working
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$b = new SocketIO\Binary("\x01\x02");
// clone
$t = sio_catch(function () use ($e) { $c = clone $e->to('cl'); $c->emit('ev', 'clone'); });
echo 'clone Emitter: ', $t ? 'refused' : 'works', "\n";
$t = sio_catch(function () use ($b) { $c = clone $b; if ($c->bytes() !== "\x01\x02") echo "CLONED BINARY LOST ITS BYTES\n"; });
echo 'clone Binary: ', $t ? 'refused' : 'works', "\n";
// serialize
foreach (['Emitter' => $e, 'Binary' => $b] as $n => $o) {
    $t = sio_catch(fn() => serialize($o));
    echo "serialize $n: ", $t ? 'refused' : 'allowed', "\n";
}
// unserialize of a forged payload must not produce a half-built object that crashes later
foreach (['SocketIO\Emitter', 'SocketIO\Binary'] as $cls) {
    $t = sio_catch(function () use ($cls) {
        $o = unserialize('O:' . strlen($cls) . ':"' . $cls . '":0:{}');
        if ($o instanceof SocketIO\Emitter) { $o->to('x')->emit('ev', 'forged'); }
        if ($o instanceof SocketIO\Binary) { $o->bytes(); }
    });
    echo "unserialize $cls: done\n";
}
// newInstanceWithoutConstructor
foreach (['SocketIO\Emitter', 'SocketIO\Binary'] as $cls) {
    $t = sio_catch(function () use ($cls) {
        $o = (new ReflectionClass($cls))->newInstanceWithoutConstructor();
        if ($o instanceof SocketIO\Emitter) { $o->emit('ev', 'uninit'); }
        if ($o instanceof SocketIO\Binary) { $o->bytes(); }
    });
    echo "newInstanceWithoutConstructor $cls: done\n";
}
$msgs = $sub->collect();
foreach ($msgs as $m) {
    $d = mp_dump($m['payload']);
    if (!preg_match('/^\["emitter",\{"type":2,"data":\["ev","(clone|forged|uninit)"\]/', $d)) echo "UNEXPECTED MESSAGE: $d\n";
}
echo "alive\n";
?>
--EXPECTF--
clone Emitter: %s
clone Binary: %s
serialize Emitter: %s
serialize Binary: %s
unserialize SocketIO\Emitter: done
unserialize SocketIO\Binary: done
newInstanceWithoutConstructor SocketIO\Emitter: done
newInstanceWithoutConstructor SocketIO\Binary: done
alive
