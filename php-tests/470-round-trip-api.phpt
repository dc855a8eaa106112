--TEST--
Round trips: signatures, TimeoutException, timeout() validation, reserved events, batch(), to([]), no servers, Redis down under each on_error
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
$r = new ReflectionClass('SocketIO\TimeoutException');
echo 'TimeoutException parent: ', $r->getParentClass()->getName(), ', getResponses(): ', $r->getMethod('getResponses')->getReturnType(), "\n";
$t = new SocketIO\TimeoutException('x');
var_dump($t->getResponses());
$em = new ReflectionClass('SocketIO\Emitter');
foreach (['timeout', 'serverCount', 'fetchSockets', 'emitWithAck'] as $m) {
    $rm = $em->getMethod($m);
    $ps = array_map(fn($p) => $p->getType() . ' ' . ($p->isVariadic() ? '...' : '') . '$' . $p->getName(), $rm->getParameters());
    echo "$m(", implode(', ', $ps), '): ', $rm->getReturnType(), "\n";
}
$e = sio_emitter();
foreach ([0, -1, NAN, INF, 3601] as $bad) {
    echo 'timeout(', var_export($bad, true), ') -> ', sio_describe(sio_catch(fn() => $e->timeout($bad))), "\n";
}
echo 'timeout("x") -> ', sio_describe(sio_catch(fn() => $e->timeout("x"))), "\n";
var_dump($e->timeout(0.5) instanceof SocketIO\Emitter, $e->timeout(1) !== $e);
echo 'reserved -> ', sio_describe(sio_catch(fn() => $e->emitWithAck('disconnect'))), "\n";
echo 'bad value -> ', sio_describe(sio_catch(fn() => $e->emitWithAck('ev', fopen('php://memory', 'r')))), "\n";
$e->batch(function ($b) {
    echo 'in batch -> ', sio_describe(sio_catch(fn() => $b->fetchSockets())), "\n";
    echo 'in batch -> ', sio_describe(sio_catch(fn() => $b->emitWithAck('ev'))), "\n";
});
// to([]) targets nobody: [] at once, whatever Redis does.
$down = new SocketIO\Emitter(['dsn' => 'redis://127.0.0.1:' . sio_free_port(), 'retry_interval' => 0]);
var_dump($down->to([])->fetchSockets(), $down->to([])->emitWithAck('ev'));
// No Socket.IO server listens on this prefix: 0 servers, [] at once.
$none = sio_emitter(['prefix' => 'nobody-listens-' . getmypid()]);
$t0 = hrtime(true);
var_dump($none->serverCount(), $none->fetchSockets(), $none->emitWithAck('ev', 1));
echo 'no servers took < 500 ms: ', var_export((hrtime(true) - $t0) / 1e6 < 500, true), "\n";
// Redis down: throw (default), warn -> null + warning, silent -> null.
foreach (['throw', 'warn', 'silent'] as $mode) {
    $d = new SocketIO\Emitter(['dsn' => 'redis://127.0.0.1:' . sio_free_port(), 'retry_interval' => 0, 'on_error' => $mode]);
    foreach (['serverCount', 'fetchSockets'] as $m) {
        $t0 = hrtime(true);
        $ret = null;
        $thrown = sio_catch(function () use ($d, $m, &$ret) { $ret = $d->$m(); });
        echo "$mode $m -> ", $thrown ? sio_describe($thrown) : var_export($ret, true), (hrtime(true) - $t0) / 1e6 < 2000 ? '' : ' (TOO SLOW)', "\n";
    }
}
?>
--EXPECTF--
TimeoutException parent: SocketIO\Exception, getResponses(): array
array(0) {
}
timeout(float $seconds): SocketIO\Emitter
serverCount(): ?int
fetchSockets(): ?array
emitWithAck(string $event, mixed ...$args): ?array
timeout(0) -> SocketIO\Exception
timeout(-1) -> SocketIO\Exception
timeout(NAN) -> SocketIO\Exception
timeout(INF) -> SocketIO\Exception
timeout(3601) -> SocketIO\Exception
timeout("x") -> TypeError
bool(true)
bool(true)
reserved -> SocketIO\Exception
bad value -> SocketIO\Exception
in batch -> SocketIO\Exception
in batch -> SocketIO\Exception
array(0) {
}
array(0) {
}
int(0)
array(0) {
}
array(0) {
}
no servers took < 500 ms: true
throw serverCount -> SocketIO\Exception
throw fetchSockets -> SocketIO\Exception
%AWarning: SocketIO\Emitter::serverCount(): cannot connect to Redis at 127.0.0.1:%d: %s
warn serverCount -> NULL
%AWarning: SocketIO\Emitter::fetchSockets(): cannot connect to Redis at 127.0.0.1:%d: %s
warn fetchSockets -> NULL
silent serverCount -> NULL
silent fetchSockets -> NULL
