--TEST--
adapter 'streams' (options and ini): one XADD per operation with stream_name / max_len / stream_count as the adapter writes them, emit() true, serverSideEmit by PUBLISH; negative stream indexes and misplaced options refused naming the key
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
function show(?Throwable $t): void { echo $t ? get_class($t) . ': ' . $t->getMessage() : 'accepted', "\n"; }
show(sio_catch(fn() => sio_emitter(['stream_name' => 'x'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'sharded', 'stream_count' => 2])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'max_len' => 0])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'stream_count' => 1025])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'stream_count' => '2'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'stream_name' => ''])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'subscription_mode' => 'static'])));
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams', 'socketio_version' => 2])));
ini_set('socketio_emitter.max_len', 'ten');
show(sio_catch(fn() => sio_emitter(['adapter' => 'streams'])));
ini_set('socketio_emitter.max_len', '500');

$r = new RespClient();
$key = 'sio-test-' . getmypid();
$r->command('DEL', $key, "$key-0", "$key-1", "$key-2");
$e = sio_emitter(['adapter' => 'streams', 'stream_name' => $key]);
var_dump($e->to('r1')->except('r2')->emit('ev', ['k' => "v\n"], 1.5, "é"));
var_dump($e->emit('bin', new SocketIO\Binary("\x00\xff")));
$e->of('/admin')->in('r1')->disconnectSockets(true);
var_dump($e->batch(fn($b) => [$b->emit('a'), $b->to([])->emit('nobody'), $b->emit('b')]));
$entries = $r->command('XRANGE', $key, '-', '+');
echo count($entries), " entries\n";
foreach ($entries as [$id, $fields]) {
    echo implode(' ', $fields), "\n";
}
// MAXLEN ~ 500 from the ini: trimming is approximate, so fill well past it.
for ($i = 0; $i < 1200; $i++) { $e->emit('fill', $i); }
$len = $r->command('XLEN', $key);
echo "trimmed: ", $len < 1200 ? "yes" : "no ($len)", "\n";

// stream_count: '/' -> hashCode 47 % 3 = 2; '/chat' 46457863 % 3 = 1; '/notifications' is negative.
$many = sio_emitter(['adapter' => 'streams', 'stream_name' => $key, 'stream_count' => 3, 'deferred' => true]);
var_dump($many->emit('root'), $many->of('/chat')->emit('chat'));
$t = sio_catch(fn() => $many->of('/notifications')->emit('lost'));
echo get_class($t), ': ', str_replace($key, 'sio-test-PID', $t->getMessage()), "\n";
$f = SocketIO\Emitter::flush();
// Replies that arrived before flush() were booked already: owed ones are all entry ids.
echo "flush: every owed reply an entry id: ", var_export($f['replies'] === $f['appended'], true), ", errors {$f['errors']}\n";
foreach (["$key-0", "$key-1", "$key-2"] as $k) {
    echo $k === "$key-0" ? 'stream-0' : ($k === "$key-1" ? 'stream-1' : 'stream-2'), ': ', $r->command('XLEN', $k), "\n";
}

// serverSideEmit: the adapter's ephemeral path, PUBLISH of the msgpack ClusterMessage.
$sub = new RespClient();
$sub->send('SUBSCRIBE', 'socket.io#/#');
$sub->read(2.0);
var_dump($e->serverSideEmit('hello', 'world', 1));
$m = $sub->read(2.0);
echo $m[1], ' ', bin2hex($m[2]), "\n";
$r->command('DEL', $key, "$key-0", "$key-1", "$key-2");
?>
--EXPECT--
SocketIO\Exception: option 'stream_name' applies to the streams adapter only ('adapter' => 'streams'); the adapter is 'classic'
SocketIO\Exception: option 'stream_count' applies to the streams adapter only ('adapter' => 'streams'); the adapter is 'sharded'
SocketIO\Exception: option 'max_len' must be a whole number from 1 to 9223372036854775807, 0 given
SocketIO\Exception: option 'stream_count' must be a whole number from 1 to 1024, 1025 given
SocketIO\Exception: option 'stream_count' must be an int, string given
SocketIO\Exception: option 'stream_name' must not be empty
SocketIO\Exception: option 'subscription_mode' applies to the sharded adapter only ('adapter' => 'sharded'): the streams adapter writes to a Redis stream
SocketIO\Exception: option 'socketio_version' is 2 with the streams adapter, which runs on socket.io 4 only: socket.io 2 servers use the classic adapter (socket.io-redis); use 'adapter' => 'classic' or socketio_version 4
SocketIO\Exception: option 'socketio_emitter.max_len' must be a number
bool(true)
bool(true)
array(3) {
  [0]=>
  bool(true)
  [1]=>
  int(0)
  [2]=>
  bool(true)
}
5 entries
uid emitter nsp / type 3 data {"packet":{"type":2,"data":["ev",{"k":"v\n"},1.5,"é"]},"opts":{"rooms":["r1"],"except":["r2"],"flags":{}}}
uid emitter nsp / type 3 data gqZwYWNrZXSCpHR5cGUCpGRhdGGSo2JpbsQCAP+kb3B0c4Olcm9vbXOQpmV4Y2VwdJClZmxhZ3OA
uid emitter nsp /admin type 6 data {"opts":{"rooms":["r1"],"except":[],"flags":{}},"close":true}
uid emitter nsp / type 3 data {"packet":{"type":2,"data":["a"]},"opts":{"rooms":[],"except":[],"flags":{}}}
uid emitter nsp / type 3 data {"packet":{"type":2,"data":["b"]},"opts":{"rooms":[],"except":[],"flags":{}}}
trimmed: yes
bool(true)
bool(true)
SocketIO\Exception: namespace '/notifications' cannot be reached with stream_count 3: @socket.io/redis-streams-adapter maps it to stream 'sio-test-PID--2' (hashCode('/notifications') % 3 = -2, a negative index), which none of its servers reads (they poll sio-test-PID-0 to sio-test-PID-2); the adapter's own emits to this namespace are lost the same way. Use stream_count 1, or a namespace name whose hash is not negative
flush: every owed reply an entry id: true, errors 0
stream-0: 0
stream-1: 1
stream-2: 1
int(1)
socket.io#/# 84a47479706509a46461746181a67061636b657493a568656c6c6fa5776f726c6401a3756964a7656d6974746572a36e7370a12f
