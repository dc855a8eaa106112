--TEST--
A server that accepts but never answers: emit() throws SocketIO\Exception after the read timeout instead of hanging
--FILE--
<?php
require __DIR__ . '/_helpers.inc';
// the kernel completes the TCP handshake from the listen backlog; nobody ever reads or answers
$srv = stream_socket_server('tcp://127.0.0.1:0');
$name = stream_socket_get_name($srv, false);
$port = (int)substr($name, strrpos($name, ':') + 1);
$cases = [
    'read_timeout 0.3' => ['host' => '127.0.0.1', 'port' => $port, 'read_timeout' => 0.3, 'timeout' => 0.3],
    'defaults'         => "redis://127.0.0.1:$port",
];
foreach ($cases as $label => $opts) {
    $start = microtime(true);
    $t = sio_catch(fn() => (new SocketIO\Emitter($opts))->emit('ev', 1));
    $el = microtime(true) - $start;
    $limit = $label === 'defaults' ? 3.5 : 1.5;
    printf("%s: %s, within %.1f s: %s\n", $label, sio_describe($t), $limit, var_export($el < $limit, true));
}
?>
--EXPECT--
read_timeout 0.3: SocketIO\Exception, within 1.5 s: true
defaults: SocketIO\Exception, within 3.5 s: true
