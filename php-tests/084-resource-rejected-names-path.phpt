--TEST--
A resource is rejected with SocketIO\Exception naming its path, e.g. $args[1]['user']; nothing is published
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub();
$fh = fopen('php://memory', 'r');
$cases = [
    ["\$args[1]['user']", ['x', ['user' => $fh]]],
    ['$args[0]', [$fh]],
    ["\$args[0][2]", [[1, 2, $fh]]],
    ["\$args[2]['a']['b'][0]", [1, 2, ['a' => ['b' => [$fh]]]]],
];
foreach ($cases as [$path, $args]) {
    $t = sio_catch(fn() => $e->emit('ev', ...$args));
    printf("%s: %s, names path: %s\n", $path, sio_describe($t),
        $t && str_contains($t->getMessage(), $path) ? 'yes' : 'NO (' . ($t ? $t->getMessage() : '-') . ')');
}
sio_show_all($sub->collect());
?>
--EXPECT--
$args[1]['user']: SocketIO\Exception, names path: yes
$args[0]: SocketIO\Exception, names path: yes
$args[0][2]: SocketIO\Exception, names path: yes
$args[2]['a']['b'][0]: SocketIO\Exception, names path: yes
0 message(s)
