--TEST--
Messages containing a NUL byte (array key on the error path, anonymous class name, option key) are the documented exception, with the NUL shown as \0
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = new SocketIO\Emitter('redis://127.0.0.1:1');
$anon = new class {};
$cases = [
    'key on error path' => fn() => $e->emit('ev', ["k\0" => NAN]),
    'anonymous class' => fn() => $e->to($anon),
    'anonymous class in args' => fn() => $e->emit('ev', new class { public $f; public function __construct() { $this->f = fopen('php://memory', 'r'); } }),
    'option key' => fn() => new SocketIO\Emitter(["a\0b" => 1]),
    'session option key' => fn() => new SocketIO\SessionRooms($e, ["s\0" => 1]),
];
foreach ($cases as $name => $fn) {
    $t = sio_catch($fn);
    $m = $t?->getMessage() ?? '';
    echo $name, ': ', sio_describe($t), ' | raw NUL: ', str_contains($m, "\0") ? 'yes' : 'no', "\n  ", $m, "\n";
}
?>
--EXPECTF--
key on error path: SocketIO\Exception | raw NUL: no
  cannot encode $args[0]['k\0']: float NAN is not a finite number; JSON and JavaScript clients cannot receive NAN or INF
anonymous class: TypeError | raw NUL: no
  SocketIO\Emitter::to(): Argument #1 ($rooms) must be of type string|int|array, class@anonymous\0%s given
anonymous class in args: SocketIO\Exception | raw NUL: no
  cannot encode $args[0]->f: a resource cannot be sent
option key: SocketIO\Exception | raw NUL: no
  unknown option 'a\0b' (known options: %s)
session option key: SocketIO\Exception | raw NUL: no
  SocketIO\SessionRooms: unknown option 's\0' (known options: secret, ttl)
