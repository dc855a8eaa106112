--TEST--
Non-UTF-8 array keys in room lists are fine (keys are ignored); in option arrays they are a clear exception, never a Rust panic
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$sub = new SioSub(['socket.io#*', 'socket.io-request#*']);
$bad = "k\xff\xfe";
$e->to([$bad => 'a', 'b'])->except([$bad => 'x'])->emit('ev', 1);
$e->in([$bad => 'c'])->socketsJoin([$bad => 'd']);
$e->in('c')->socketsLeave([$bad => 'd']);
$msgs = $sub->collect();
echo count($msgs), " message(s)\n";
foreach ($msgs as $m) {
    echo $m['channel'], "\n  ", str_contains($m['channel'], '-request') ? $m['payload'] : mp_dump($m['payload']), "\n";
}
foreach ([
    'emitter options' => fn() => new SocketIO\Emitter([$bad => 1]),
    'session options' => fn() => new SocketIO\SessionRooms($e, [$bad => 1]),
    'int option key' => fn() => new SocketIO\Emitter([5 => 1]),
] as $name => $fn) {
    $t = sio_catch($fn);
    echo $name, ': ', sio_describe($t), ': ', $t?->getMessage(), "\n";
}
?>
--EXPECTF--
3 message(s)
socket.io#/#
  ["emitter",{"type":2,"data":["ev",1],"nsp":"/"},{"rooms":["a","b"],"flags":{},"except":["x"]}]
socket.io-request#/#
  {"type":2,"opts":{"rooms":["c"],"except":[]},"rooms":["d"]}
socket.io-request#/#
  {"type":3,"opts":{"rooms":["c"],"except":[]},"rooms":["d"]}
emitter options: SocketIO\Exception: option keys must be valid UTF-8, 'k\xff\xfe' given (known options: %s)
session options: SocketIO\Exception: SocketIO\SessionRooms: option keys must be valid UTF-8, 'k\xff\xfe' given (known options: secret, ttl)
int option key: SocketIO\Exception: option keys must be strings, int key 5 given (known options: %s)
