--TEST--
Every modifier returns a new SocketIO\Emitter, never the object it was called on
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$calls = [
    'of'       => fn($x) => $x->of('/admin'),
    'in'       => fn($x) => $x->in('a'),
    'to'       => fn($x) => $x->to('a'),
    'except'   => fn($x) => $x->except('a'),
    'volatile' => fn($x) => $x->volatile(),
    'compress' => fn($x) => $x->compress(false),
];
foreach ($calls as $name => $f) {
    $r = $f($e);
    printf("%s: %s, same object: %s\n", $name, get_class($r), var_export($r === $e, true));
    $r2 = $f($r);
    printf("%s twice: same object: %s\n", $name, var_export($r2 === $r, true));
}
?>
--EXPECT--
of: SocketIO\Emitter, same object: false
of twice: same object: false
in: SocketIO\Emitter, same object: false
in twice: same object: false
to: SocketIO\Emitter, same object: false
to twice: same object: false
except: SocketIO\Emitter, same object: false
except twice: same object: false
volatile: SocketIO\Emitter, same object: false
volatile twice: same object: false
compress: SocketIO\Emitter, same object: false
compress twice: same object: false
