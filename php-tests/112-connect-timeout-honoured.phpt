--TEST--
Connecting to an unreachable address gives up within the connect timeout ('timeout' option; default 1 s)
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// 10.255.255.1 is normally unroutable: SYNs are dropped (timeout) or rejected at once (unreachable)
$cases = [
    'timeout 0.3'   => ['host' => '10.255.255.1', 'port' => 6379, 'timeout' => 0.3],
    'default'       => 'redis://10.255.255.1:6379',
];
foreach ($cases as $label => $opts) {
    $start = microtime(true);
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', 1));
    $el = microtime(true) - $start;
    $limit = $label === 'default' ? 2.5 : 1.5;
    printf("%s: %s, within %.1f s: %s\n", $label, sio_describe($t), $limit, var_export($el < $limit, true));
}
?>
--EXPECT--
timeout 0.3: SocketIO\Exception, within 1.5 s: true
default: SocketIO\Exception, within 2.5 s: true
