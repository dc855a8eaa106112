--TEST--
Emitter::flush() (worker-mode runtimes): waits now for every reply deferred emits owe, on pooled and persistent => false connections, and returns what they said; a refused one is reported at the call
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$addr = sio_redis_addr();
$admin = new RespClient($addr);
$admin->command('ACL', 'SETUSER', 'emitter403', 'on', '>pw-0123456789', 'resetchannels', '&socket.io*', '-@all', '+publish');
$dsn = "redis://emitter403:pw-0123456789@127.0.0.1:{$addr['port']}";
set_error_handler(function (int $no, string $msg) { echo "warning: $msg\n"; return true; });
$pooled = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true]);
$private = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'persistent' => false]);
$denied = new SocketIO\Emitter(['dsn' => $dsn, 'deferred' => true, 'prefix' => 'denied']);
for ($i = 0; $i < 5; $i++) {
    $pooled->emit('p', $i);
    $private->emit('q', $i);
}
$denied->emit('refused');
echo "flush:\n";
$f = SocketIO\Emitter::flush();
// The last write of each connection (q4 on the private one, the refused one on
// the pooled one) cannot have been read before: replies arriving earlier are
// taken before each next write.
var_dump(array_keys($f), $f['replies'] >= 2, $f['errors'], $f['unknown']);
$s = SocketIO\Emitter::stats();
echo "every reply booked: ", $s['deferred_no_receivers'], " no receivers, ", $s['deferred_errors'], " error\n";
echo "nothing owed any more: ";
var_dump(SocketIO\Emitter::flush()['replies']);
?>
--EXPECTF--
flush:
warning: SocketIO\Emitter::flush(): a deferred command was refused by Redis at 127.0.0.1:%d: NOPERM %s
array(6) {
  [0]=>
  string(7) "replies"
  [1]=>
  string(9) "receivers"
  [2]=>
  string(12) "no_receivers"
  [3]=>
  string(8) "appended"
  [4]=>
  string(6) "errors"
  [5]=>
  string(7) "unknown"
}
bool(true)
int(1)
int(0)
every reply booked: 10 no receivers, 1 error
nothing owed any more: int(0)
