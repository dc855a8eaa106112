--TEST--
batch(): a command Redis refuses (ACL) fails alone; the others' counts are returned ([n, false, n]) in every on_error mode, so a caller never resends delivered emits; the refusal is reported (warning / log line), never thrown
--INI--
log_errors=1
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$addr = sio_redis_addr();
$admin = new RespClient($addr);
// Allowed: the broadcast channel of room "ok" only.
$admin->command('ACL', 'SETUSER', 'emitter402', 'on', '>pw-0123456789', 'resetchannels', '&socket.io#/#ok#', '-@all', '+publish');
$dsn = "redis://emitter402:pw-0123456789@127.0.0.1:{$addr['port']}";
set_error_handler(function (int $no, string $msg) { echo "warning: $msg\n"; return true; });
foreach (['throw', 'warn', 'log', 'silent'] as $mode) {
    $e = new SocketIO\Emitter(['dsn' => $dsn, 'on_error' => $mode]);
    echo "-- $mode\n";
    $r = $e->batch(function (SocketIO\Emitter $b) {
        $b->to('ok')->emit('a', 1);
        $b->to('denied')->emit('b', 2);
        $b->to('ok')->emit('c', 3);
    });
    var_dump($r);
}
echo "-- a single refused emit still follows on_error (throw)\n";
try {
    (new SocketIO\Emitter($dsn))->to('denied')->emit('d');
} catch (SocketIO\Exception $x) {
    echo get_class($x), ': ', $x->getMessage(), "\n";
}
?>
--EXPECTF--
-- throw
warning: SocketIO\Emitter::batch(): Redis at 127.0.0.1:%d replied with an error: NOPERM %s
array(3) {
  [0]=>
  int(0)
  [1]=>
  bool(false)
  [2]=>
  int(0)
}
-- warn
warning: SocketIO\Emitter::batch(): Redis at 127.0.0.1:%d replied with an error: NOPERM %s
array(3) {
  [0]=>
  int(0)
  [1]=>
  bool(false)
  [2]=>
  int(0)
}
-- log
%Ssocketio_emitter: Redis at 127.0.0.1:%d replied with an error: NOPERM %s
array(3) {
  [0]=>
  int(0)
  [1]=>
  bool(false)
  [2]=>
  int(0)
}
-- silent
array(3) {
  [0]=>
  int(0)
  [1]=>
  bool(false)
  [2]=>
  int(0)
}
-- a single refused emit still follows on_error (throw)
SocketIO\Exception: Redis at 127.0.0.1:%d replied with an error: NOPERM %s
