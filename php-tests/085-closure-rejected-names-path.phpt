--TEST--
A Closure (no acks in an emitter) is rejected with SocketIO\Exception naming its path; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$cases = [
    ['$args[0]', [fn() => 1]],
    ['$args[1]', ['data', function () {}]],                  // the JS "ack callback" position
    ["\$args[0]['cb']", [['cb' => Closure::fromCallable('strlen')]]],
];
foreach ($cases as [$path, $args]) {
    $t = sio_catch(fn() => $e->emit('ev', ...$args));
    printf("%s: %s, names path: %s\n", $path, sio_describe($t),
        $t && str_contains($t->getMessage(), $path) ? 'yes' : 'NO (' . ($t ? $t->getMessage() : '-') . ')');
}
sio_show_all($sub->collect());
?>
--EXPECT--
$args[0]: SocketIO\Exception, names path: yes
$args[1]: SocketIO\Exception, names path: yes
$args[0]['cb']: SocketIO\Exception, names path: yes
0 message(s)
