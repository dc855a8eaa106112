--TEST--
SessionRooms: roomOf() is the HMAC room (same as Node crypto), join/leave/forget store the rooms with a TTL under an opaque key and send socketsJoin/socketsLeave/disconnectSockets to the session room
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$e = sio_emitter();
$rooms = new SocketIO\SessionRooms($e, ['secret' => '0123456789abcdef0123', 'ttl' => 120]);
$sid = 'abc';
echo $rooms->roomOf($sid), "\n"; // node: createHmac('sha256', secret).update('abc').digest('hex').slice(0, 32)
$key = 'socket.io-session-rooms:7175886e54c43350053bfd2f073b6399';
$redis = new RespClient();
$redis->command('DEL', $key);
$sub = new SioSub(['socket.io-request#*']);
$rooms->join($sid, ['team:1', 'admin', 7, 'admin']);
print_r($rooms->rooms($sid));
$ttl = $redis->command('TTL', $key);
var_dump($ttl > 100 && $ttl <= 120);
$rooms->leave($sid, 'admin');
print_r($rooms->rooms($sid));
$rooms->forget($sid, true);
print_r($rooms->rooms($sid));
var_dump($redis->command('EXISTS', $key));
foreach ($sub->collect() as $m) {
    echo $m['payload'], "\n";
}
// nothing in Redis names the raw session id
var_dump(array_filter((array) $redis->command('KEYS', '*abc*')));
?>
--EXPECT--
session:7175886e54c43350053bfd2f073b6399
Array
(
    [0] => 7
    [1] => admin
    [2] => team:1
)
bool(true)
Array
(
    [0] => 7
    [1] => team:1
)
Array
(
)
int(0)
{"type":2,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["team:1","admin","7"]}
{"type":3,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["admin"]}
{"type":3,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"rooms":["7","team:1"]}
{"type":4,"opts":{"rooms":["session:7175886e54c43350053bfd2f073b6399"],"except":[]},"close":true}
array(0) {
}
