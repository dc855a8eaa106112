--TEST--
SessionRooms::join(): the set update and the join request go out in ONE round trip (Redis reads the client once); a refused set update fails the call (the join request was already run); a deferred emitter still stores and joins
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$secret = '0123456789abcdef0123';
$redis = new RespClient();
// Redis counts the reads it made from clients: INFO itself is one.
$reads = function () use ($redis): int {
    preg_match('/total_reads_processed:(\d+)/', $redis->command('INFO', 'stats'), $m);
    return (int) $m[1];
};
$key = 'socket.io-session-rooms:7175886e54c43350053bfd2f073b6399';
$redis->command('DEL', $key);
$sub = new SioSub(['socket.io-request#*']);
$rooms = new SocketIO\SessionRooms(sio_emitter(), ['secret' => $secret]);
$rooms->roomOf('abc');
sio_emitter()->emit('warm-up'); // the pooled connection is open before counting
$before = $reads();
$rooms->join('abc', ['team:1']);
$delta = $reads() - $before - 1;
echo "reads by join(): $delta\n";
var_dump($delta === 1);
print_r($rooms->rooms('abc'));
foreach ($sub->collect() as $m) {
    echo $m['payload'], "\n";
}

// The set's key holds a string: SADD is refused and join() fails, naming why
// (Redis has already run the join request written with it: team:2 below).
$redis->command('SET', $key, 'not a set');
$t = sio_catch(fn () => $rooms->join('abc', ['team:2']));
echo get_class($t), ': ', $t->getMessage(), "\n";
$redis->command('DEL', $key);

// Deferred: the store is waited for, the join request is deferred (two steps, as before).
$deferred = new SocketIO\SessionRooms(sio_emitter(['deferred' => true]), ['secret' => $secret]);
$deferred->join('abc', ['team:3']);
SocketIO\Emitter::flush();
print_r($rooms->rooms('abc'));
foreach ($sub->collect() as $m) {
    echo $m['payload'], "\n";
}
?>
--EXPECTF--
reads by join(): 1
bool(true)
Array
(
    [0] => team:1
)
{"type":2,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["team:1"]}
SocketIO\Exception: %sWRONGTYPE%s
Array
(
    [0] => team:3
)
{"type":2,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["team:2"]}
{"type":2,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["team:3"]}
