--TEST--
Encoding errors name the path and the kind of value (NAN/INF, resource, Closure, Generator, enum, depth, recursion, UTF-8)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
enum Suit { case Hearts; }
function gen() { yield 1; }
function nest(int $n) { $v = 'x'; for ($i = 0; $i < $n; $i++) { $v = [$v]; } return $v; }
$rec = ['k' => 1];
$rec['again'] = &$rec;
$e = sio_emitter();
$cases = [
    'NAN'       => [['a', ['n' => NAN]],           ["\$args[1]['n']", 'NAN']],
    'INF'       => [[INF],                          ['$args[0]', 'INF']],
    'resource'  => [[1, [fopen('php://memory', 'r')]], ['$args[1][0]', 'resource']],
    'Closure'   => [[['cb' => fn() => 1]],          ["\$args[0]['cb']", 'Closure']],
    'Generator' => [[gen()],                        ['$args[0]', 'Generator']],
    'pure enum' => [[['s' => Suit::Hearts]],        ["\$args[0]['s']", 'Suit']],
    'depth'     => [[nest(600)],                    ['$args[0]', '512']],
    'recursion' => [[$rec],                         ["\$args[0]['again']", 'recursi']],
    'UTF-8'     => [[['t' => "a\xffb"]],            ["\$args[0]['t']", 'UTF-8', 'SocketIO\Binary']],
    'property'  => [[(object)['p' => ['q' => NAN]]], ['$args[0]', 'p', 'q', 'NAN']],
];
foreach ($cases as $label => [$args, $needles]) {
    $t = sio_catch(fn() => $e->emit('ev', ...$args));
    $missing = $t ? array_values(array_filter($needles, fn($n) => !str_contains($t->getMessage(), $n))) : $needles;
    printf("%s: %s%s\n", $label, sio_describe($t), $missing ? ' MISSING ' . json_encode($missing) . ' in: ' . ($t ? $t->getMessage() : '') : '');
}
?>
--EXPECT--
NAN: SocketIO\Exception
INF: SocketIO\Exception
resource: SocketIO\Exception
Closure: SocketIO\Exception
Generator: SocketIO\Exception
pure enum: SocketIO\Exception
depth: SocketIO\Exception
recursion: SocketIO\Exception
UTF-8: SocketIO\Exception
property: SocketIO\Exception
