--TEST--
A Generator is rejected with SocketIO\Exception naming its path (it is not iterated); nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function gen() { echo "GENERATOR RAN\n"; yield 1; }
$e = sio_emitter();
$sub = new SioSub();
$cases = [
    ['$args[0]', [gen()]],
    ["\$args[1]['items'][1]", [0, ['items' => ['a', gen()]]]],
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
$args[1]['items'][1]: SocketIO\Exception, names path: yes
0 message(s)
