--TEST--
Round trips against a "server" that never answers: the request as published (uid emitter, random 128-bit requestId), TimeoutException at the deadline with what arrived, nothing left subscribed or connected
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$prefix = 'rt-' . getmypid();
// One subscriber of the request channel: serverCount() 1, and it never answers.
$sub = new SioSub([], ["$prefix-request#/#"]);
$e = sio_emitter(['prefix' => $prefix]);
$admin = new RespClient();
$clients = fn() => count(array_filter(explode("\n", trim($admin->command('CLIENT', 'LIST')))));
echo 'serverCount: ', $e->serverCount(), "\n";
$before = $clients(); // the emitter's pooled connection included

$t0 = hrtime(true);
$ex = sio_catch(fn() => $e->timeout(0.3)->in('team:1')->except('muted')->fetchSockets());
$ms = (hrtime(true) - $t0) / 1e6;
echo get_class($ex), ': ', $ex->getMessage(), "\n";
echo 'at the deadline: ', var_export($ms >= 295 && $ms < 450, true), "\n";
var_dump($ex->getResponses(), $ex instanceof SocketIO\Exception);
$m = $sub->one();
echo $m['channel'], "\n";
$req = json_decode($m['payload'], true);
$id1 = $req['requestId'];
$req['requestId'] = preg_match('/^[0-9a-f]{32}$/', $id1) ? '<32 hex>' : $id1;
echo json_encode($req), "\n";

$ex = sio_catch(fn() => $e->timeout(0.2)->emitWithAck('ping', 42, new SocketIO\Binary("\x01")));
echo get_class($ex), ': ', $ex->getMessage(), "\n";
$m = $sub->one();
echo $m['channel'], ' msgpack: ', var_export($m['payload'][0] !== '{', true), "\n";
echo preg_replace('/[0-9a-f]{32}/', '<32 hex>', mp_dump($m['payload'])), "\n";
preg_match('/[0-9a-f]{32}/', $m['payload'], $id2);
echo 'request ids differ: ', var_export($id2[0] !== $id1, true), "\n";

// No subscriber connection left, no subscription on the response channels.
usleep(50000);
echo 'connections: ', $clients() - $before, "\n";
var_dump($admin->command('PUBSUB', 'NUMSUB', "$prefix-response#/#", "$prefix-response#/#emitter#"));
?>
--EXPECTF--
serverCount: 1
SocketIO\TimeoutException: fetchSockets() timed out after %d ms: 0 of 1 Socket.IO servers answered (getResponses() has what arrived)
at the deadline: true
array(0) {
}
bool(true)
rt-%d-request#/#
{"uid":"emitter","requestId":"<32 hex>","type":5,"opts":{"rooms":["team:1"],"except":["muted"]}}
SocketIO\TimeoutException: emitWithAck() timed out after %d ms: 0 of 1 Socket.IO servers answered; 0 of 0 client acknowledgements arrived (getResponses() has what arrived)
rt-%d-request#/# msgpack: true
{"uid":"emitter","requestId":"<32 hex>","type":7,"packet":{"type":2,"data":["ping",42,bin:01],"nsp":"/"},"opts":{"rooms":[],"except":[],"flags":{}}}
request ids differ: true
connections: 0
array(4) {
  [0]=>
  string(%d) "rt-%d-response#/#"
  [1]=>
  int(0)
  [2]=>
  string(%d) "rt-%d-response#/#emitter#"
  [3]=>
  int(0)
}
